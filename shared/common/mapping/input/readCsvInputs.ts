import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { csvColumnNames, iterateCsv, type CsvRow } from '../../csv/parseCsv';
import { childPath } from '../../json/jsonPath';
import { readCell, type InferredValueType } from '../../schema/valueTypes';
import type { CsvFormat } from './inputFormat';
import { jsonInput } from './MappingInput';
import type { InputItem } from './readInputs';

const TYPE_WORDS: Record<InferredValueType, string> = {
  string: 'text', number: 'a number', boolean: 'true or false', date: 'a date (YYYY-MM-DD)', dateTime: 'a date and time (YYYY-MM-DDThh:mm:ss with an offset)',
};

/**
 * The messages of a CSV text: each data row as an object (column name → the cell read as its
 * column's type; an empty cell is absent), or with `messages: "file"` the list of every row as one
 * message. A row that breaks RFC 4180, has another number of cells than the header, or holds a
 * cell that is not of its column's type fails alone with the line and column; a header that lacks
 * a column of the schema fails the whole input, since every row would be read wrongly.
 */
export function* readCsvInputs(format: CsvFormat, text: string, where: ErrorLocation): Generator<InputItem> {
  let names: string[] | undefined;
  let header: CsvRow | undefined;
  let columns: ReadonlyMap<string, number> = new Map();
  let records = 0;
  let position = 0;
  const rows: Array<{ value: Record<string, unknown>; line: number }> = [];
  let fileError: CrosswalkError | undefined;
  const whole = (error: CrosswalkError): InputItem => ({ position: 1, line: error.where.line ?? 1, offset: 0, end: text.length, error });

  for (const record of iterateCsv(text, { delimiter: format.delimiter, where })) {
    records++;
    if (names === undefined) {
      if (record.error) {
        yield whole(record.error);
        return;
      }
      if (records < format.headerRow) continue;
      header = record;
      names = csvColumnNames(record.fields);
      columns = new Map(names.map((name, i) => [name, i + 1]));
      const missing = [...format.columns.keys()].filter((name) => !columns.has(name));
      if (missing.length > 0) {
        yield whole(new CrosswalkError('CSV_MISSING_COLUMN', `The header has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, which the source schema has.`, { ...where, line: record.line, column: 1 }));
        return;
      }
      continue;
    }
    const place = { line: record.line, offset: record.offset, end: record.end };
    const outcome = record.error ? { error: record.error } : readRow(record, names, format, where);
    if (format.messages === 'file') {
      fileError ??= outcome.error;
      if (outcome.value) rows.push({ value: outcome.value, line: record.line });
      continue;
    }
    position++;
    const head = { offset: (header as CsvRow).offset, end: (header as CsvRow).end };
    if (outcome.error) yield { position, ...place, head, error: outcome.error };
    else yield { position, ...place, head, input: jsonInput(outcome.value, { rows: [record.line], columns, file: false }) };
  }
  if (names === undefined) {
    yield whole(new CrosswalkError('CSV_NO_HEADER', `The CSV has no header on record ${format.headerRow}.`, { ...where, line: 1, column: 1 }));
    return;
  }
  if (format.messages === 'file') {
    if (fileError) yield whole(fileError);
    else yield { position: 1, line: (header as CsvRow).line, offset: 0, end: text.length, input: jsonInput(rows.map((r) => r.value), { rows: rows.map((r) => r.line), columns, file: true }) };
  } else if (position === 0) {
    yield { position: 1, line: (header as CsvRow).line, offset: (header as CsvRow).offset, end: text.length, error: new CrosswalkError('CSV_NO_ROWS', 'The CSV has a header but no rows.', { ...where, line: (header as CsvRow).line, column: 1 }) };
  }
}

/** One data row as an object keyed by column name, each cell read as its column's type. */
function readRow(record: CsvRow, names: readonly string[], format: CsvFormat, where: ErrorLocation): { value?: Record<string, unknown>; error?: CrosswalkError } {
  const fields = record.fields;
  if (fields.length !== names.length) {
    const extra = fields.length > names.length;
    const at = extra ? names.length : fields.length - 1;
    const column = extra ? record.columns[at] : record.columns[at] + fields[at].length;
    return { error: new CrosswalkError('CSV_ROW_WIDTH', `Line ${record.line} has ${fields.length} cell${fields.length === 1 ? '' : 's'} but the header has ${names.length}.`, { ...where, line: record.lines[at], column }) };
  }
  const entries: Array<[string, unknown]> = [];
  for (let i = 0; i < fields.length; i++) {
    const cell = fields[i];
    if (cell === '') continue;
    const type = format.columns.get(names[i]) ?? 'string';
    const value = readCell(cell, type);
    if (value === undefined) {
      return {
        error: new CrosswalkError('CSV_BAD_VALUE', `The cell in column "${names[i]}" on line ${record.lines[i]} is not ${TYPE_WORDS[type]}, which the source schema says the column holds.`, { ...where, line: record.lines[i], column: record.columns[i], path: childPath('$', names[i]) }, cell),
      };
    }
    entries.push([names[i], value]);
  }
  // fromEntries defines own properties: a column named __proto__ is a key, never the prototype.
  return { value: Object.fromEntries(entries) };
}
