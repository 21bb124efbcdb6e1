import type { Delimiters } from './Delimiters';
import { decodeValue } from './escape';

/**
 * A decoded value: a string; `null` for the explicit HL7 null `""` (the sender says "delete this");
 * `undefined` for an empty or absent element (the sender says nothing).
 */
export type Hl7Value = string | null | undefined;

/** The raw text of the HL7 explicit null. */
export const HL7_NULL = '""';

/** The decoded value of one leaf's raw text. */
export function leafValue(raw: string | undefined, d: Delimiters): Hl7Value {
  if (raw === undefined || raw.length === 0) return undefined;
  if (raw === HL7_NULL) return null;
  return decodeValue(raw, d);
}

/** The n-th (1-based) piece of text split on sep, without building the array; undefined past the end. */
export function nthPiece(text: string, sep: string, n: number): string | undefined {
  let start = 0;
  for (let k = 1; k < n; k++) {
    const next = text.indexOf(sep, start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf(sep, start);
  if (start === 0 && end === -1) return text;
  return end === -1 ? text.slice(start) : text.slice(start, end);
}

/** The first piece of text before sep: the common case of reading component or subcomponent 1. */
export function firstPiece(text: string, sep: string): string {
  const end = text.indexOf(sep);
  return end === -1 ? text : text.slice(0, end);
}
