import { CrosswalkError } from '../errors/CrosswalkError';
import { parseCsv, type CsvRow } from '../csv/parseCsv';
import { formatIssuePath, parseValueMap } from './parseValueMap';
import { rowReviewSchema, type RowReview } from './rowReview';
import { equivalenceValues, type ValueMap, type ValueMapEntry } from './ValueMap';

/** The row's own columns. */
const ROW_COLUMNS = ['source', 'target', 'display', 'system', 'comment', 'equivalence'] as const;
/**
 * The review columns, for spreadsheet review: one per part of the row's review. Lists (approvals,
 * comments) and the row as last approved are JSON in their cell, so any text round-trips.
 */
const REVIEW_COLUMNS = {
  review_status: 'status', review_author: 'author', review_authored: 'authoredAt', review_reviewer: 'reviewer', review_reviewed: 'reviewedAt',
  review_approvals: 'approvals', review_comments: 'comments', review_last_approved: 'lastApproved',
} as const satisfies Record<string, keyof RowReview>;
type ReviewColumn = keyof typeof REVIEW_COLUMNS;
const JSON_COLUMNS = new Set<ReviewColumn>(['review_approvals', 'review_comments', 'review_last_approved']);

/** Column order of an exported CSV; an import accepts these names in any order and case, and needs only source and target. */
export const VALUE_MAP_CSV_COLUMNS = [...ROW_COLUMNS, ...(Object.keys(REVIEW_COLUMNS) as ReviewColumn[])] as const;
type Column = (typeof VALUE_MAP_CSV_COLUMNS)[number];

function cell(entry: ValueMapEntry, column: Column): string | undefined {
  if (!(column in REVIEW_COLUMNS)) return entry[column as (typeof ROW_COLUMNS)[number]];
  const value = entry.review?.[REVIEW_COLUMNS[column as ReviewColumn]];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF, or leading/trailing space. */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The entries of a value map with their review as CSV (header + one row per entry, CRLF line ends as RFC 4180 says). */
export function valueMapToCsv(map: ValueMap): string {
  const lines = [VALUE_MAP_CSV_COLUMNS.join(',')];
  for (const entry of map.entries) lines.push(VALUE_MAP_CSV_COLUMNS.map((column) => csvField(cell(entry, column))).join(','));
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
    const entry: Record<string, unknown> = {};
    const review: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const value = row.fields[index];
      if (value === '') return;
      if (!(column in REVIEW_COLUMNS)) { entry[column] = value; return; }
      review[REVIEW_COLUMNS[column as ReviewColumn]] = JSON_COLUMNS.has(column as ReviewColumn) ? jsonCell(value, column, row.line) : value;
    });
    if (entry.source === undefined) throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has no source code.`, { line: row.line });
    if (entry.target === undefined) throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has no target code.`, { line: row.line });
    if (typeof entry.equivalence === 'string' && !(equivalenceValues as readonly string[]).includes(entry.equivalence)) {
      throw new CrosswalkError('CSV_INVALID', `Line ${row.line} has equivalence "${entry.equivalence}", which is not one of ${equivalenceValues.join(', ')}.`, { line: row.line });
    }
    if (Object.keys(review).length > 0) {
      const parsed = rowReviewSchema.safeParse(review);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CrosswalkError('CSV_INVALID', `The review on line ${row.line} is invalid at ${formatIssuePath(issue.path) || 'its status'}: ${issue.message.replace(/\.$/, '')}.`, { line: row.line });
      }
      entry.review = parsed.data;
    }
    entries.push(entry as ValueMapEntry);
  }
  return entries;
}

function jsonCell(value: string, column: string, line: number): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new CrosswalkError('CSV_INVALID', `The ${column} cell on line ${line} is not the JSON the export writes there.`, { line });
  }
}

/** A whole value map from CSV entries plus the parts CSV does not carry (id, name, systems, policy). */
export function valueMapFromCsv(text: string, base: Omit<ValueMap, 'entries'>): ValueMap {
  return parseValueMap({ ...base, entries: valueMapEntriesFromCsv(text) }, { path: 'CSV' });
}
