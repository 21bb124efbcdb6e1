import { CrosswalkError } from '../errors/CrosswalkError';

/** JSON's number grammar, which FHIR's decimal repeats: no leading zeros, no `+`, no lone `.`. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A number kept as the text it was written in. FHIR says a decimal's precision is part of its
 * value (`1.50` is not `1.5`, `0.040` not `0.04`), and a JavaScript number cannot hold it, nor
 * digits past the 17th. The engine makes one where a decimal's text would not survive a number
 * (number conversion of HL7 NM, parseJson); writeJson writes its text verbatim. Arithmetic sees
 * the number (`valueOf`), so functions that compute with it need nothing special.
 */
export class Decimal {
  /** The JSON number text, exactly as it is written out. */
  readonly text: string;

  constructor(text: string) {
    if (!JSON_NUMBER.test(text)) throw new CrosswalkError('JSON_BAD_DECIMAL', 'A decimal must be written as a JSON number (digits, an optional fraction and exponent, no leading zeros).');
    this.text = text;
  }

  valueOf(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }
}

export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}

/**
 * The value of a JSON number's text: a plain number when JavaScript writes that number back as
 * the same text (`1.5`, `170`, `0.04`), else a Decimal that keeps it (`1.50`, `170.0`, `0.040`,
 * `1e5`, twenty digits). The one rule for both sides of a comparison: the engine's output and an
 * expected output read from a file are then equal exactly when their texts are.
 */
export function jsonNumber(text: string): number | Decimal {
  const n = Number(text);
  return String(n) === text ? n : new Decimal(text);
}

/** The number a value stands for: a number as it is, a Decimal's value; undefined for anything else. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Decimal) return value.valueOf();
  return undefined;
}
