import type { MappingRow, MapRows } from '../../../shared/common/mapping/read/mappingRows';

/** The table view's columns, as the issue lists them, with the map each row belongs to first. */
export const TABLE_COLUMNS = [
  { key: 'map', title: 'Map' },
  { key: 'target', title: 'Target element' },
  { key: 'sources', title: 'Source path(s)' },
  { key: 'transforms', title: 'Transforms' },
  { key: 'valueMap', title: 'Value map' },
  { key: 'condition', title: 'Condition' },
  { key: 'note', title: 'Note' },
] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number]['key'];

/** What a cell of a row reads as (what the search matches and the sort compares). */
export function cellText(row: MappingRow, column: TableColumn): string {
  switch (column) {
    case 'map': return row.map;
    case 'target': return row.kind === 'context' ? `${row.targetPath} (for each ${row.iterates ?? ''})` : row.targetPath;
    case 'sources': return row.sources.join(', ');
    case 'transforms': return row.transforms;
    case 'valueMap': return row.valueMaps.join(', ');
    case 'condition': return row.conditions.join('; ');
    case 'note': return row.note ?? '';
  }
}

export interface TableQuery {
  /** Words every one of which some cell (or the row's rule) holds, case-insensitively. */
  search: string;
  /** Only this map's rows (all maps when empty). */
  map: string;
  /** Only rows that can be edited in place, or only rows with a value map / condition. */
  only: '' | 'editable' | 'valueMap' | 'condition';
  sort?: { column: TableColumn; descending: boolean };
}

function editable(row: MappingRow): boolean {
  return row.edits?.source !== undefined || row.edits?.valueMap !== undefined || row.edits?.constant !== undefined;
}

/**
 * The rows the table shows: the mapping's rows (in `crosswalk show`'s order, map by map) that
 * pass the filters, sorted by a column when asked (stably, so rows that tie keep that order).
 */
export function tableRows(maps: readonly MapRows[], query: TableQuery): MappingRow[] {
  const words = query.search.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = maps.flatMap((m) => (query.map === '' || m.map === query.map ? m.rows : [])).filter((row) => {
    if (query.only === 'editable' && !editable(row)) return false;
    if (query.only === 'valueMap' && row.valueMaps.length === 0) return false;
    if (query.only === 'condition' && row.conditions.length === 0) return false;
    if (words.length === 0) return true;
    const text = [...TABLE_COLUMNS.map((c) => cellText(row, c.key)), row.rule].join('\n').toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const sort = query.sort;
  if (!sort) return rows;
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, key: cellText(row, sort.column) }))
    .sort((a, b) => sign * a.key.localeCompare(b.key, 'en', { numeric: true }) || a.i - b.i)
    .map((x) => x.row);
}
