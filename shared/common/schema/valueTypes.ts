import { jsonNumber, type Decimal } from '../json/Decimal';

/**
 * The value types of inferred (JSON and CSV) schemas: what a sample's values look like, and how a
 * CSV cell is read as the type its column has. One set of patterns for inference and for reading,
 * so a column inferred as `number` from the sample reads every row the same way.
 */
export const inferredValueTypes = ['string', 'number', 'boolean', 'date', 'dateTime'] as const;
export type InferredValueType = (typeof inferredValueTypes)[number];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The type a text value reads as: a date, a date-time or plain text. */
export function stringType(value: string): InferredValueType {
  if (DATE.test(value)) return 'date';
  if (DATE_TIME.test(value)) return 'dateTime';
  return 'string';
}

/** The type a CSV cell reads as, or undefined for an empty one. */
export function cellType(value: string): InferredValueType | undefined {
  if (value === '') return undefined;
  if (NUMBER.test(value)) return 'number';
  if (value === 'true' || value === 'false') return 'boolean';
  return stringType(value);
}

/**
 * A CSV cell read as its column's type: a number (a Decimal when its text is not how JavaScript
 * writes the number), a boolean, or the text (a date or date-time is
 * checked, and stays text, as JSON writes it). Undefined when the cell does not have that type.
 */
export function readCell(value: string, type: InferredValueType): string | number | Decimal | boolean | undefined {
  switch (type) {
    // As a JSON source's numbers: `120.0` keeps its text (a Decimal), so the output writes it as sent.
    case 'number': return NUMBER.test(value) ? jsonNumber(value) : undefined;
    case 'boolean': return value === 'true' ? true : value === 'false' ? false : undefined;
    case 'date': return DATE.test(value) ? value : undefined;
    case 'dateTime': return DATE_TIME.test(value) || DATE.test(value) ? value : undefined;
    default: return value;
  }
}
