import { CrosswalkError } from '../errors/CrosswalkError';
import { parseCsv, type CsvRow } from '../csv/parseCsv';
import { parseValueMap } from './parseValueMap';
import { equivalenceValues, type ValueMap, type ValueMapEntry } from './ValueMap';

/** Column order of an exported CSV; an import accepts these names in any order and case. */
export const VALUE_MAP_CSV_COLUMNS = ['source', 'target', 'display', 'system', 'comment', 'equivalence'] as const;
type Column = (typeof VALUE_MAP_CSV_COLUMNS)[number];

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF, or leading/trailing space. */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The entries of a value map as CSV (header + one row per entry, CRLF line ends as RFC 4180 says). */
export function valueMapToCsv(map: ValueMap): string {
  const lines = [VALUE_MAP_CSV_COLUMNS.join(',')];
  for (const entry of map.entries) lines.push(VALUE_MAP_CSV_COLUMNS.map((column) => csvField(entry[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Splits CSV text into rows (RFC 4180: quoted fields may hold commas, quotes and line breaks); CSV_INVALID names the line and column. */
export function parseCsvRows(text: string): CsvRow[] {
  return parseCsv(text);
}

/** Reads value-map entries from CSV with a header row naming the columns (source and target required). */
export function valueMapEntriesFromCsv(text: string): ValueMapEntry[] {
  const rows = parseCsvRows(text);
  if (rows.length === 0) throw new CrosswalkError('CSV_INVALID', 'The CSV is empty; it needs a header row with source and target columns.', { line: 1 });
  const header = rows[0].fields.map((name) => name.trim().toLowerCase());
  const columns: Column[] = header.map((name, index) => {
    if (!(VALUE_MAP_CSV_COLUMNS as readonly string[]).includes(name)) {
      throw new CrosswalkError('CSV_INVALID', `Column ${index + 1} of the header is "${rows[0].fields[index]}", which is not one of ${VALUE_MAP_CSV_COLUMNS.join(', ')}.`, { line: rows[0].line });
    }
    if (header.indexOf(name) !== index) throw new CrosswalkError('CSV_INVALID', `The header names the column "${name}" twice.`, { line: rows[0].line });
    return name as Column;
  });
  for (const required of ['source', 'target'] as const) {
    if (!columns.includes(required)) throw new CrosswalkError('CSV_INVALID', `The header has no "${required}" column.`, { line: rows[0].line });
  }
  const entries: ValueMapEntry[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length !== columns.length) {
      throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has ${row.fields.length} fields but the header has ${columns.length}.`, { line: row.line });
    }
    const entry: Record<string, string> = {};
    columns.forEach((column, index) => {
      const value = row.fields[index];
      if (value !== '') entry[column] = value;
    });
    if (entry.source === undefined) throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has no source code.`, { line: row.line });
    if (entry.target === undefined) throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has no target code.`, { line: row.line });
    if (entry.equivalence !== undefined && !(equivalenceValues as readonly string[]).includes(entry.equivalence)) {
      throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has equivalence "${entry.equivalence}", which is not one of ${equivalenceValues.join(', ')}.`, { line: row.line });
    }
    entries.push(entry as ValueMapEntry);
  }
  return entries;
}

/** A whole value map from CSV entries plus the parts CSV does not carry (id, name, systems, policy). */
export function valueMapFromCsv(text: string, base: Omit<ValueMap, 'entries'>): ValueMap {
  return parseValueMap({ ...base, entries: valueMapEntriesFromCsv(text) }, { path: 'CSV' });
}
