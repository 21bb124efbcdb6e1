import { csvField } from '../../valuemaps/csv';
import type { MapRows, MappingRow } from './mappingRows';

/** The columns of the table view's CSV export, in order. */
export const ROWS_CSV_COLUMNS = ['map', 'kind', 'target element', 'source paths', 'transforms', 'value maps', 'conditions', 'note', 'row'] as const;

function cells(row: MappingRow): string[] {
  return [
    row.map,
    row.kind === 'context' ? 'for each' : 'value',
    row.targetPath,
    row.sources.join(' ; '),
    row.transforms,
    row.valueMaps.join(' ; '),
    row.conditions.join(' ; '),
    row.note ?? '',
    row.id,
  ];
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends, a header line), map after map in the table's
 * order: what an analyst hands to a reviewer who works in a spreadsheet.
 */
export function rowsToCsv(maps: readonly MapRows[]): string {
  const lines = [ROWS_CSV_COLUMNS.join(',')];
  for (const map of maps) for (const row of map.rows) lines.push(cells(row).map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
