import { codingSystemUri } from '../../shared/common/functions/code/codingSystems';
import type { Hl7Segment } from '../../shared/common/hl7v2/Hl7Segment';

/**
 * Plain-TypeScript conversions of HL7 v2 data types to FHIR R4, following the v2-to-FHIR IG data
 * type maps (dt_*.csv) as the example mapping does. This is the hand-written side of the mapping
 * benchmark: written the way a careful engineer would, straight against the codec's fast read
 * path (`Hl7Segment.value(field, rep, comp, sub)`), with no engine in between.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One decoded leaf as text; the explicit HL7 null `""` and empty both read as absent. */
export function text(seg: Hl7Segment, field: number, rep = 1, comp = 1, sub = 1): string | undefined {
  const value = seg.value(field, rep, comp, sub);
  return value === null || value === undefined ? undefined : value;
}

/** Number of repetitions of a field (0 when empty). */
export function repetitions(seg: Hl7Segment, field: number): number {
  const raw = seg.fieldRaw(field);
  if (raw === undefined || raw.length === 0) return 0;
  let count = 1;
  const sep = seg.delimiters.repetition;
  for (let i = raw.indexOf(sep); i !== -1; i = raw.indexOf(sep, i + 1)) count++;
  return count;
}

/** Adds key only when the value is present, so FHIR elements are never written empty. */
export function put(target: JsonObject, key: string, value: Json | undefined): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return;
  target[key] = value;
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * HL7 DTM/TS/DT text → FHIR date or dateTime, keeping the precision the sender gave
 * (`200611` → `2006-11`) and the offset (`+0215` → `+02:15`). A time without an offset gets
 * `defaultTimezone`; FHIR requires an offset once a time is present.
 */
export function dateTime(value: string | undefined, defaultTimezone: string): string | undefined {
  if (value === undefined) return undefined;
  let end = value.length;
  let zone = '';
  const plus = value.indexOf('+');
  const minus = value.indexOf('-');
  const z = plus !== -1 ? plus : minus;
  if (z !== -1) {
    const offset = value.slice(z + 1);
    if (offset.length !== 4 || !isDigits(offset, 0, 4)) return undefined;
    zone = offset === '0000' && value[z] === '+' ? 'Z' : `${value[z]}${offset.slice(0, 2)}:${offset.slice(2)}`;
    end = z;
  }
  const dot = value.indexOf('.');
  const digitsEnd = dot !== -1 && dot < end ? dot : end;
  if (!isDigits(value, 0, digitsEnd)) return undefined;
  const n = digitsEnd;
  if (n !== 4 && n !== 6 && n !== 8 && n !== 10 && n !== 12 && n !== 14) return undefined;
  let out = value.slice(0, 4);
  if (n >= 6) out += `-${value.slice(4, 6)}`;
  if (n >= 8) out += `-${value.slice(6, 8)}`;
  if (n === 8 || n < 8) return out;
  out += `T${value.slice(8, 10)}:${n >= 12 ? value.slice(10, 12) : '00'}:${n >= 14 ? value.slice(12, 14) : '00'}`;
  if (dot !== -1 && dot < end && n === 14) {
    const fraction = value.slice(dot + 1, end);
    if (fraction.length === 0 || !isDigits(fraction, 0, fraction.length)) return undefined;
    out += `.${fraction}`;
  }
  return out + (zone || defaultTimezone);
}

/** HL7 DT (or the date part of a DTM) → FHIR date at the precision given. */
export function date(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return dateTime(value.slice(0, Math.min(8, value.length)), '');
}

/** HL7 NM → JSON number (`065.88` → 65.88); not a number → absent. */
export function decimal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** A v2 table lookup: code → FHIR coding, or undefined (the map's policy for unmapped codes). */
export type Lookup = (code: string | undefined) => { code: string; system?: string; display?: string } | undefined;

/** CX → Identifier (IG dt_CX[Identifier]). */
export function identifier(seg: Hl7Segment, field: number, rep: number): JsonObject {
  const id: JsonObject = {};
  put(id, 'value', text(seg, field, rep, 1));
  const namespace = text(seg, field, rep, 4, 1);
  const universal = text(seg, field, rep, 4, 2);
  const universalType = text(seg, field, rep, 4, 3);
  let system: string | undefined;
  if (universal !== undefined) {
    if (universalType === 'ISO') system = `urn:oid:${universal}`;
    else if (universalType === 'UUID') system = `urn:uuid:${universal}`;
    else if (universalType === 'URI') system = universal;
  }
  put(id, 'system', system);
  if (namespace !== undefined) id.assigner = { display: namespace };
  const type = text(seg, field, rep, 5);
  if (type !== undefined) id.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: type }] };
  const period: JsonObject = {};
  put(period, 'start', date(text(seg, field, rep, 7)));
  put(period, 'end', date(text(seg, field, rep, 8)));
  put(id, 'period', period);
  return id;
}

/** XPN → HumanName (IG dt_XPN[HumanName]); use through table 0200. */
export function humanName(seg: Hl7Segment, field: number, rep: number, nameUse: Lookup, tz: string): JsonObject {
  const name: JsonObject = {};
  put(name, 'family', text(seg, field, rep, 1, 1));
  const given: string[] = [];
  const first = text(seg, field, rep, 2);
  const middle = text(seg, field, rep, 3);
  if (first !== undefined) given.push(first);
  if (middle !== undefined) given.push(middle);
  put(name, 'given', given);
  const prefix = text(seg, field, rep, 5);
  if (prefix !== undefined) name.prefix = [prefix];
  const suffix: string[] = [];
  for (const c of [4, 6, 14]) {
    const s = text(seg, field, rep, c);
    if (s !== undefined) suffix.push(s);
  }
  put(name, 'suffix', suffix);
  put(name, 'use', nameUse(text(seg, field, rep, 7))?.code);
  const period: JsonObject = {};
  put(period, 'start', dateTime(text(seg, field, rep, 12) ?? text(seg, field, rep, 10, 1), tz));
  put(period, 'end', dateTime(text(seg, field, rep, 13) ?? text(seg, field, rep, 10, 2), tz));
  put(name, 'period', period);
  return name;
}

/** XAD → Address (IG dt_XAD[Address]); XAD-7 through table 0190 into use or type. */
export function address(seg: Hl7Segment, field: number, rep: number, addressUse: Lookup, addressType: Lookup, tz: string): JsonObject {
  const addr: JsonObject = {};
  const line: string[] = [];
  for (const [c, s] of [[1, 1], [1, 2], [1, 3], [2, 1], [19, 1]] as const) {
    const l = text(seg, field, rep, c, s);
    if (l !== undefined) line.push(l);
  }
  put(addr, 'line', line);
  put(addr, 'city', text(seg, field, rep, 3));
  put(addr, 'state', text(seg, field, rep, 4));
  put(addr, 'postalCode', text(seg, field, rep, 5));
  put(addr, 'country', text(seg, field, rep, 6));
  const kind = text(seg, field, rep, 7);
  put(addr, 'use', addressUse(kind)?.code);
  put(addr, 'type', addressType(kind)?.code);
  put(addr, 'district', text(seg, field, rep, 9));
  const period: JsonObject = {};
  put(period, 'start', dateTime(text(seg, field, rep, 13) ?? text(seg, field, rep, 12, 1), tz));
  put(period, 'end', dateTime(text(seg, field, rep, 14) ?? text(seg, field, rep, 12, 2), tz));
  put(addr, 'period', period);
  return addr;
}

/**
 * XTN → ContactPoint (IG dt_XTN[ContactPoint]). `defaultUse` is PID-13's `home` / PID-14's `work`
 * when XTN-2 is empty. A cellular phone (CP) is a `phone` used as `mobile`.
 */
export function contactPoint(seg: Hl7Segment, field: number, rep: number, defaultUse: string, telecomUse: Lookup, telecomSystem: Lookup, tz: string): JsonObject {
  const cp: JsonObject = {};
  const equipment = text(seg, field, rep, 3);
  const email = text(seg, field, rep, 4);
  const isEmail = equipment === 'Internet' || equipment === 'X.400' || (equipment === undefined && email !== undefined);
  const system = telecomSystem(equipment)?.code ?? (equipment === undefined ? (email !== undefined ? 'email' : 'phone') : undefined);
  put(cp, 'system', system);
  let value: string | undefined;
  if (isEmail) value = email;
  else {
    value = text(seg, field, rep, 12);
    if (value === undefined) {
      const area = text(seg, field, rep, 6);
      const local = text(seg, field, rep, 7);
      if (area !== undefined && local !== undefined) {
        const country = text(seg, field, rep, 5);
        const extension = text(seg, field, rep, 8);
        value = `${country !== undefined ? `+${country} ` : ''}${area} ${local}${extension !== undefined ? ` X${extension}` : ''}`;
      } else value = text(seg, field, rep, 1);
    }
  }
  put(cp, 'value', value);
  const useCode = text(seg, field, rep, 2);
  put(cp, 'use', useCode === undefined ? (equipment === 'CP' ? 'mobile' : defaultUse) : telecomUse(useCode)?.code);
  const period: JsonObject = {};
  put(period, 'start', dateTime(text(seg, field, rep, 13), tz));
  put(period, 'end', dateTime(text(seg, field, rep, 14), tz));
  put(cp, 'period', period);
  const rank = decimal(text(seg, field, rep, 18));
  if (rank !== undefined && Number.isInteger(rank) && rank > 0) cp.rank = rank;
  return cp;
}

/** CWE/CE → CodeableConcept (IG dt_CWE[CodeableConcept]): up to three codings that have a code, CWE-9 as text. */
export function codeableConcept(seg: Hl7Segment, field: number, rep: number): JsonObject | undefined {
  const concept: JsonObject = {};
  const coding: JsonObject[] = [];
  for (const [c, d, s, v] of [[1, 2, 3, 7], [4, 5, 6, 8], [10, 11, 12, 13]] as const) {
    const code = text(seg, field, rep, c)?.trim();
    if (code === undefined || code === '') continue;
    const one: JsonObject = {};
    put(one, 'system', codingSystemUri(text(seg, field, rep, s)));
    put(one, 'version', text(seg, field, rep, v));
    one.code = code;
    put(one, 'display', text(seg, field, rep, d));
    coding.push(one);
  }
  put(concept, 'coding', coding);
  put(concept, 'text', text(seg, field, rep, 9));
  if (Object.keys(concept).length === 0) {
    // A CWE with only a display still says something: keep it as text.
    const display = text(seg, field, rep, 2);
    return display === undefined ? undefined : { text: display };
  }
  return concept;
}

/** CWE units (OBX-6) into a Quantity (IG dt_CWE[Quantity]): code and system only with a known system. */
export function addUnits(quantity: JsonObject, seg: Hl7Segment, field: number): void {
  const code = text(seg, field, 1, 1);
  const name = text(seg, field, 1, 2);
  put(quantity, 'unit', name ?? code);
  const system = codingSystemUri(text(seg, field, 1, 3));
  if (code !== undefined && system !== undefined) {
    quantity.system = system;
    quantity.code = code;
  }
}
