import { DEFAULT_DELIMITERS, Hl7Message } from '../../hl7v2';
import { writeJson } from '../../json/writeJson';

/**
 * A JSON value to map: a JSON document, one CSV row read as an object (column name → typed value),
 * or a whole CSV file as the list of its row objects.
 */
export interface JsonInput {
  kind: 'json';
  value: unknown;
  /** The value as compact JSON: what resource ids are keyed on, so the same data gives the same ids however it was laid out. */
  text: string;
  /** For a CSV input: where its rows and columns are, so the trace can name them. */
  csv?: CsvPlaces;
}

export interface CsvPlaces {
  /** The line each row starts on: one for a row message, one per row (as `$[i]`) for a file message. */
  rows: readonly number[];
  /** Each column's number (1 = the first), by its name in the schema. */
  columns: ReadonlyMap<string, number>;
  /** The message is the whole file (`$` is the list of rows), not one row. */
  file: boolean;
}

/** What the engine maps: an HL7 v2 message, or a JSON value (a document, a CSV row or file). */
export type MappingInput = Hl7Message | JsonInput;

export function isJsonInput(input: MappingInput): input is JsonInput {
  return !(input instanceof Hl7Message);
}

/** A JSON input from a parsed value. */
export function jsonInput(value: unknown, csv?: CsvPlaces): JsonInput {
  return { kind: 'json', value, text: value === undefined ? '' : writeJson(value), ...(csv ? { csv } : {}) };
}

/** The HL7 v2 message a JSON input's frame carries: none, so no segment reader could find anything. */
export const NO_SEGMENTS: Hl7Message = new Hl7Message([], DEFAULT_DELIMITERS);
