import { CrosswalkError } from '../../errors/CrosswalkError';

/**
 * HL7 NM: an optional sign, digits, an optional decimal point (`065.88`, `-.5`, `+12`). No exponents.
 * Written so that no two quantifiers can share a digit (`\d+\.?\d*` backtracks quadratically on a
 * long run of digits that ends in a letter).
 */
export const HL7_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses HL7 NM text to a number; undefined for empty; NUMBER_INVALID for anything else. */
export function parseHl7Number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (!HL7_NUMBER.test(trimmed)) throw new CrosswalkError('NUMBER_INVALID', 'The value is not an HL7 number (NM): digits with an optional sign and decimal point.');
  return Number(trimmed);
}
