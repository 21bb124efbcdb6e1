import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';

/** One record of a CSV text, where it is, and where each of its fields starts. */
export interface CsvRow {
  /** 1-based line the record starts on (a quoted field may carry it over several lines). */
  line: number;
  /** Character offsets: `text.slice(offset, end)` is the record with its line break. */
  offset: number;
  end: number;
  fields: string[];
  /** 1-based column, on its own line, where each field starts (for errors that point at a cell). */
  columns: number[];
  /** 1-based line each field starts on (differs from `line` after a quoted line break). */
  lines: number[];
  error?: undefined;
}

/** A record that breaks RFC 4180: the error names its line and column; the records after it are still read. */
export interface CsvRowError {
  line: number;
  offset: number;
  end: number;
  error: CrosswalkError;
}

export interface CsvOptions {
  /** One character; `,` by default. */
  delimiter?: string;
  /** Added to every error's location (the file). */
  where?: ErrorLocation;
}

/**
 * The records of a CSV text (RFC 4180: quoted fields may hold the delimiter, doubled quotes and
 * line breaks; CRLF, LF or CR line ends; a byte-order mark skipped; blank lines skipped), one at a
 * time. A record with a stray quote is an error item and reading goes on at the next line; a quoted
 * field never closed is an error item that ends the text. The one CSV reader: value-map import,
 * schema inference from a sample and CSV sources all read through it.
 */
export function* iterateCsv(text: string, options: CsvOptions = {}): Generator<CsvRow | CsvRowError> {
  const delimiter = options.delimiter ?? ',';
  const sep = delimiter.charCodeAt(0);
  const where = options.where ?? {};
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  while (i < n) {
    const offset = i;
    const rowLine = line;
    const fields: string[] = [];
    const columns: number[] = [];
    const lines: number[] = [];
    let failure: CrosswalkError | undefined;
    let ended = false;
    while (!ended) {
      columns.push(i - lineStart + 1);
      lines.push(line);
      let field = '';
      if (text.charCodeAt(i) === 34) {
        const quoteLine = line;
        const quoteColumn = i - lineStart + 1;
        i++;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              field += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
            line++;
            lineStart = i + 1;
          }
          field += text[i];
          i++;
        }
        if (!closed) {
          const error = new CrosswalkError('CSV_INVALID', `A quoted field that starts on line ${quoteLine} is never closed.`, { ...where, line: quoteLine, column: quoteColumn });
          yield { line: rowLine, offset, end: n, error };
          return;
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== sep && c !== 10 && c !== 13) {
          failure = new CrosswalkError('CSV_INVALID', `A quoted field on line ${line} has text after its closing quote.`, { ...where, line, column: i - lineStart + 1 });
        }
      } else {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === 10 || c === 13) break;
          if (c === 34 && failure === undefined) {
            failure = new CrosswalkError('CSV_INVALID', `A quote appears inside an unquoted field on line ${line}.`, { ...where, line, column: i - lineStart + 1 });
          }
          field += text[i];
          i++;
        }
      }
      if (failure !== undefined) {
        // Resynchronise at the next line break: the records after a broken one still read.
        while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      }
      fields.push(field);
      const c = text.charCodeAt(i);
      if (i < n && c === sep && failure === undefined) {
        i++;
        continue;
      }
      ended = true;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (i < n) i++;
      if (i > offset && (c === 10 || c === 13)) {
        line++;
        lineStart = i;
      }
    }
    if (failure !== undefined) {
      yield { line: rowLine, offset, end: i, error: failure };
      continue;
    }
    // A blank line is no record.
    if (fields.length === 1 && fields[0] === '' && text.charCodeAt(offset) !== 34) continue;
    yield { line: rowLine, offset, end: i, fields, columns, lines };
  }
}

/** Every record, or the first error thrown: for small texts read whole (value-map tables, samples). */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const row of iterateCsv(text, options)) {
    if (row.error) throw row.error;
    rows.push(row);
  }
  return rows;
}

/**
 * The column names of a header record as the schema tree shows them: trimmed, an empty one
 * `column N`, a repeated one numbered (`Code (2)`: the v2-to-FHIR IG tables repeat names).
 */
export function csvColumnNames(header: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return header.map((cell, i) => {
    const name = cell.trim() || `column ${i + 1}`;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    return count > 1 ? `${name} (${count})` : name;
  });
}
