import { CrosswalkError } from '../../errors/CrosswalkError';
import { jsonNumber, type Decimal } from '../../json/Decimal';

/**
 * HL7 NM: an optional sign, digits, an optional decimal point (`065.88`, `-.5`, `+12`). No exponents.
 * Written so that no two quantifiers can share a digit (`\d+\.?\d*` backtracks quadratically on a
 * long run of digits that ends in a letter).
 */
export const HL7_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function checked(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (!HL7_NUMBER.test(trimmed)) throw new CrosswalkError('NUMBER_INVALID', 'The value is not an HL7 number (NM): digits with an optional sign and decimal point.');
  return trimmed;
}

/** Parses HL7 NM text to a number (for arithmetic); undefined for empty; NUMBER_INVALID for anything else. */
export function parseHl7Number(value: string | undefined): number | undefined {
  const nm = checked(value);
  return nm === undefined ? undefined : Number(nm);
}

/**
 * HL7 NM text as a FHIR decimal, keeping the precision sent: the JSON text FHIR's decimal
 * grammar allows (no `+`, no leading zeros, a digit before the point, no point without digits
 * after it: `+065.880` → `65.880`, `-.5` → `-0.5`, `12.` → `12`), as a plain number when
 * JavaScript writes that text back unchanged, else a Decimal holding it (`1.50`, `170.0`).
 */
export function parseHl7Decimal(value: string | undefined): number | Decimal | undefined {
  const nm = checked(value);
  if (nm === undefined) return undefined;
  const negative = nm[0] === '-';
  const body = nm[0] === '-' || nm[0] === '+' ? nm.slice(1) : nm;
  const dot = body.indexOf('.');
  const whole = (dot === -1 ? body : body.slice(0, dot)).replace(/^0+(?=\d)/, '') || '0';
  const fraction = dot === -1 ? '' : body.slice(dot + 1);
  return jsonNumber(`${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`);
}
