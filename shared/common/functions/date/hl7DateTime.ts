import { CrosswalkError } from '../../errors/CrosswalkError';

/**
 * An HL7 v2 DTM/TS/DT/TM value taken apart, keeping exactly the precision that was sent
 * (a part that was not sent is undefined). `fraction` keeps its digits as text (`.1234` → `1234`).
 */
export interface Hl7DateTimeParts {
  year?: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  second?: string;
  fraction?: string;
  /** `+02:15`, `-05:00`, `Z` is never produced (HL7 writes `+0000`). */
  offset?: string;
}

const DIGITS = /^[0-9]+$/;

// Messages describe the fault without quoting the value or its parts: it may be a birth date, and
// errors reach stderr, logs and error queues.
function bad(kind: string, _value: string, why: string): CrosswalkError {
  return new CrosswalkError('DATE_INVALID', `The value is not a valid HL7 ${kind}: ${why}.`);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits `+0215` / `-0500` off the end. */
function splitOffset(value: string, kind: string): { body: string; offset?: string } {
  const at = Math.max(value.lastIndexOf('+'), value.lastIndexOf('-'));
  if (at === -1) return { body: value };
  const zone = value.slice(at + 1);
  if (zone.length !== 4 || !DIGITS.test(zone)) throw bad(kind, value, 'a timezone offset is + or - followed by four digits (HHMM)');
  const hours = Number(zone.slice(0, 2));
  const minutes = Number(zone.slice(2));
  if (minutes > 59 || hours > 14 || (hours === 14 && minutes > 0)) throw bad(kind, value, 'the timezone offset is out of range');
  return { body: value.slice(0, at), offset: `${value[at]}${zone.slice(0, 2)}:${zone.slice(2)}` };
}

function parseTimeBody(body: string, value: string, kind: string, parts: Hl7DateTimeParts): void {
  const dot = body.indexOf('.');
  const main = dot === -1 ? body : body.slice(0, dot);
  if (main.length === 0 && dot !== -1) throw bad(kind, value, 'fractional seconds need hours, minutes and seconds before them');
  if (!DIGITS.test(main) || main.length % 2 !== 0 || main.length > 6) throw bad(kind, value, 'the time is HH, HHMM or HHMMSS');
  parts.hour = main.slice(0, 2);
  if (Number(parts.hour) > 23) throw bad(kind, value, 'the hour is not 00 to 23');
  if (main.length >= 4) {
    parts.minute = main.slice(2, 4);
    if (Number(parts.minute) > 59) throw bad(kind, value, 'the minute is not 00 to 59');
  }
  if (main.length === 6) {
    parts.second = main.slice(4, 6);
    if (Number(parts.second) > 60) throw bad(kind, value, 'the second is not 00 to 60');
  }
  if (dot !== -1) {
    const fraction = body.slice(dot + 1);
    if (main.length !== 6) throw bad(kind, value, 'fractional seconds need hours, minutes and seconds before them');
    if (!DIGITS.test(fraction) || fraction.length > 4) throw bad(kind, value, 'fractional seconds are one to four digits');
    parts.fraction = fraction;
  }
}

/**
 * Parses HL7 DTM (and TS component 1, and DT, which is its date part): `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`.
 * Calendar checks are real: 20230230 and 20230229 are refused, 20240229 accepted.
 */
export function parseHl7DateTime(value: string, kind = 'date/time (DTM)'): Hl7DateTimeParts {
  const { body, offset } = splitOffset(value, kind);
  const datePart = body.slice(0, Math.min(body.length, 8));
  if (!DIGITS.test(datePart) || ![4, 6, 8].includes(datePart.length)) throw bad(kind, value, 'the date is YYYY, YYYYMM or YYYYMMDD');
  const parts: Hl7DateTimeParts = { year: datePart.slice(0, 4) };
  const year = Number(parts.year);
  if (datePart.length >= 6) {
    parts.month = datePart.slice(4, 6);
    const month = Number(parts.month);
    if (month < 1 || month > 12) throw bad(kind, value, 'the month is not 01 to 12');
    if (datePart.length === 8) {
      parts.day = datePart.slice(6, 8);
      const day = Number(parts.day);
      if (day < 1 || day > daysIn(year, month)) throw bad(kind, value, 'the day does not exist in its month');
    }
  }
  if (body.length > 8) {
    if (parts.day === undefined) throw bad(kind, value, 'a time needs a full date before it');
    parseTimeBody(body.slice(8), value, kind, parts);
  }
  if (offset !== undefined) parts.offset = offset;
  return parts;
}

/** Parses HL7 TM: `HH[MM[SS[.S[S[S[S]]]]]][+/-ZZZZ]`. */
export function parseHl7Time(value: string): Hl7DateTimeParts {
  const kind = 'time (TM)';
  const { body, offset } = splitOffset(value, kind);
  const parts: Hl7DateTimeParts = {};
  parseTimeBody(body, value, kind, parts);
  if (offset !== undefined) parts.offset = offset;
  return parts;
}

/** FHIR date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping the precision sent. */
export function formatFhirDate(parts: Hl7DateTimeParts): string {
  let out = parts.year as string;
  if (parts.month !== undefined) out += `-${parts.month}`;
  if (parts.day !== undefined) out += `-${parts.day}`;
  return out;
}

/** FHIR time `hh:mm:ss(.s)`: FHIR requires seconds, so HL7's hour or minute precision is padded with zeros. */
export function formatFhirTime(parts: Hl7DateTimeParts): string {
  let out = `${parts.hour}:${parts.minute ?? '00'}:${parts.second ?? '00'}`;
  if (parts.fraction !== undefined) out += `.${parts.fraction}`;
  return out;
}

/** `+01:00`, `-05:30` or `Z`: the forms a default timezone may take. */
export const TIMEZONE_PATTERN = /^(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$/;

/** Reads HL7 date/time from an input: a string, or a TS composite whose component 1 is the DTM. */
export function dateInput(value: unknown): string | undefined {
  let v = value;
  while (Array.isArray(v)) v = v[0];
  if (typeof v === 'object' && v !== null) v = (v as Record<string, unknown>)['1'];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
}
