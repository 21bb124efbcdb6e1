import { codingSystemUri } from '../../shared/common/functions/code/codingSystems';
import type { Hl7Segment } from '../../shared/common/hl7v2/Hl7Segment';
import { v2UnitToUcum } from '../../shared/common/functions/unit/v2Units';

const UCUM = 'http://unitsofmeasure.org';
const LEGACY_UNIT_SYSTEMS = new Set(['ISO+', 'ISO', 'ANS+', 'ANSI']);

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

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const UUID = /^[0-9a-f-]{36}$/i;
const NO_SPACE = /^\S+$/;

/** Keeps the texts that are not blank. */
function present(...values: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== undefined && v.trim() !== '') out.push(v);
  return out;
}

function periodOf(start: string | undefined, end: string | undefined, tz: string): JsonObject | undefined {
  const period: JsonObject = {};
  put(period, 'start', dateTime(start, tz));
  put(period, 'end', dateTime(end, tz));
  return Object.keys(period).length === 0 ? undefined : period;
}

/** Where the parts of an identifier are in a composite: CX (PID-3) and XCN (PV1-7) put them in different components. */
export interface IdentifierParts { value: number; checkDigit: number; scheme: number; authority: number; type: number; start?: number; end?: number }
const CX_PARTS: IdentifierParts = { value: 1, checkDigit: 2, scheme: 3, authority: 4, type: 5, start: 7, end: 8 };
export const XCN_IDENTIFIER: IdentifierParts = { value: 1, checkDigit: 11, scheme: 12, authority: 9, type: 13 };

/** A universal id (HD-2) as a URI when its type (HD-3) says what it is and it has that form. */
function universalSystem(universal: string | undefined, type: string | undefined): string | undefined {
  if (universal === undefined) return undefined;
  const kind = type?.toUpperCase();
  if (kind === 'ISO' && OID.test(universal)) return `urn:oid:${universal}`;
  if (kind === 'URI' && NO_SPACE.test(universal)) return universal;
  if (kind === 'UUID' && UUID.test(universal)) return `urn:uuid:${universal.toLowerCase()}`;
  return undefined;
}

/** EI → Identifier (the library's EI[Identifier]): EI-1 value, EI-3/4 system, else EI-2 as assigner; undefined without EI-1. */
export function entityIdentifier(seg: Hl7Segment, field: number, rep: number): JsonObject | undefined {
  const value = text(seg, field, rep, 1)?.trim();
  if (!value) return undefined;
  const system = universalSystem(text(seg, field, rep, 3), text(seg, field, rep, 4));
  const id: JsonObject = { value };
  if (system !== undefined) id.system = system;
  else put(id, 'assigner', text(seg, field, rep, 2) === undefined ? undefined : { display: text(seg, field, rep, 2) as string });
  return id;
}

/** CX → Identifier (IG dt_CX[Identifier]); undefined without CX-1. XCN's identifier with XCN_IDENTIFIER. */
export function identifier(seg: Hl7Segment, field: number, rep: number, tz: string, parts: IdentifierParts = CX_PARTS): JsonObject | undefined {
  const value = text(seg, field, rep, parts.value)?.trim();
  if (!value) return undefined;
  const id: JsonObject = {};
  const extension: JsonObject[] = [];
  const checkDigit = text(seg, field, rep, parts.checkDigit);
  if (checkDigit !== undefined) extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: checkDigit });
  const scheme = text(seg, field, rep, parts.scheme);
  if (scheme !== undefined) extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: scheme });
  put(id, 'extension', extension);
  // The assigning authority names a system only through a universal id (HD-2) of a known type; a bare namespace is an assigner.
  const system = universalSystem(text(seg, field, rep, parts.authority, 2), text(seg, field, rep, parts.authority, 3));
  put(id, 'system', system);
  id.value = value;
  const type = text(seg, field, rep, parts.type)?.trim();
  if (type) id.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: type }] };
  if (parts.start !== undefined && parts.end !== undefined) put(id, 'period', periodOf(text(seg, field, rep, parts.start), text(seg, field, rep, parts.end), tz));
  if (system === undefined) {
    const namespace = text(seg, field, rep, parts.authority, 1);
    if (namespace !== undefined) id.assigner = { display: namespace };
  }
  return id;
}

/** XPN → HumanName (IG dt_XPN[HumanName]); use through table 0200. */
export function humanName(seg: Hl7Segment, field: number, rep: number, nameUse: Lookup, tz: string): JsonObject | undefined {
  const name: JsonObject = {};
  put(name, 'use', nameUse(text(seg, field, rep, 7))?.code);
  put(name, 'family', text(seg, field, rep, 1, 1)?.trim() || undefined);
  put(name, 'given', present(text(seg, field, rep, 2), text(seg, field, rep, 3)));
  put(name, 'prefix', present(text(seg, field, rep, 5)));
  put(name, 'suffix', present(text(seg, field, rep, 4), text(seg, field, rep, 6), text(seg, field, rep, 14)));
  // XPN-10 (a DR range) is the older place for the validity period; the IG uses it when -12/-13 are empty.
  put(name, 'period', periodOf(text(seg, field, rep, 12), text(seg, field, rep, 13), tz) ?? periodOf(text(seg, field, rep, 10, 1), text(seg, field, rep, 10, 2), tz));
  return Object.keys(name).length === 0 ? undefined : name;
}

/** XAD → Address (IG dt_XAD[Address]); XAD-7 through table 0190 into use or type. */
export function address(seg: Hl7Segment, field: number, rep: number, addressUse: Lookup, addressType: Lookup, tz: string): JsonObject | undefined {
  const addr: JsonObject = {};
  const kind = text(seg, field, rep, 7);
  put(addr, 'use', addressUse(kind)?.code);
  put(addr, 'type', addressType(kind)?.code);
  // Every part of the street (SAD.1 street or mailing address, SAD.2 street name, SAD.3 dwelling number) is a line (IG SAD[Address]).
  put(addr, 'line', present(text(seg, field, rep, 1, 1), text(seg, field, rep, 1, 2), text(seg, field, rep, 1, 3), text(seg, field, rep, 2), text(seg, field, rep, 19)));
  put(addr, 'city', text(seg, field, rep, 3));
  put(addr, 'district', text(seg, field, rep, 9));
  put(addr, 'state', text(seg, field, rep, 4));
  put(addr, 'postalCode', text(seg, field, rep, 5));
  put(addr, 'country', text(seg, field, rep, 6));
  // XAD-13/14 effective and expiration dates, else XAD-12 (a DR validity range), as the IG lists both.
  put(addr, 'period', periodOf(text(seg, field, rep, 13), text(seg, field, rep, 14), tz) ?? periodOf(text(seg, field, rep, 12, 1), text(seg, field, rep, 12, 2), tz));
  return Object.keys(addr).length === 0 ? undefined : addr;
}

/**
 * XTN → ContactPoint (IG dt_XTN[ContactPoint]); undefined without a number or address.
 * `defaultUse` is PID-13's `home` / PID-14's `work` when XTN-2 is empty (PID map); a cellular
 * phone (CP) is a `phone` used as `mobile`; with no equipment type the number is a `phone`,
 * since PID-13/14 are phone fields (the IG would mark the system unknown).
 */
export function contactPoint(seg: Hl7Segment, field: number, rep: number, defaultUse: string | undefined, telecomUse: Lookup, telecomSystem: Lookup, tz: string): JsonObject | undefined {
  const equipment = text(seg, field, rep, 3);
  const address = text(seg, field, rep, 4);
  const number = text(seg, field, rep, 1);
  const isEmail = equipment === 'Internet' || equipment === 'X.400';
  let value: string | undefined;
  if (isEmail) value = address;
  else {
    value = text(seg, field, rep, 12) ?? number;
    if (value === undefined) {
      const local = text(seg, field, rep, 7);
      if (local !== undefined) {
        const country = text(seg, field, rep, 5);
        const area = text(seg, field, rep, 6);
        const ext = text(seg, field, rep, 8);
        value = `${country !== undefined ? `+${country} ` : ''}${area !== undefined ? `(${area}) ` : ''}${local}${ext !== undefined ? ` X${ext}` : ''}`;
      }
    }
  }
  if (value === undefined || value.trim() === '') return undefined;
  const cp: JsonObject = {};
  let system: string | undefined;
  if (equipment !== undefined) system = telecomSystem(equipment)?.code;
  else system = number === undefined && text(seg, field, rep, 12) === undefined && text(seg, field, rep, 7) === undefined && address !== undefined ? 'email' : 'phone';
  put(cp, 'system', system);
  cp.value = value.trim();
  const useCode = text(seg, field, rep, 2);
  let use = (useCode === undefined ? undefined : telecomUse(useCode)?.code) ?? (equipment === 'CP' ? 'mobile' : undefined);
  if (use === undefined && useCode === undefined) use = defaultUse;
  put(cp, 'use', use);
  const rank = decimal(text(seg, field, rep, 18));
  if (rank !== undefined && Number.isInteger(rank) && rank >= 1) cp.rank = rank;
  put(cp, 'period', periodOf(text(seg, field, rep, 13), text(seg, field, rep, 14), tz));
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

/**
 * CWE units (OBX-6) of a Quantity (IG dt_CWE[Quantity]): unit = CWE-2 or CWE-1; code and system
 * only with a known system; units sent without a system that are UCUM get the UCUM code.
 */
export function addUnits(quantity: JsonObject, seg: Hl7Segment, field: number): void {
  const code = text(seg, field, 1, 1)?.trim() || undefined;
  const name = text(seg, field, 1, 2)?.trim() || undefined;
  const systemName = text(seg, field, 1, 3);
  put(quantity, 'unit', name ?? code);
  if (code === undefined) return;
  // ISO+ / ANSI name the pre-UCUM unit tables: such units are read as if sent without a system.
  const legacy = systemName !== undefined && LEGACY_UNIT_SYSTEMS.has(systemName.trim().toUpperCase());
  if (systemName !== undefined && !legacy) {
    const system = codingSystemUri(systemName);
    if (system !== undefined) {
      quantity.system = system;
      quantity.code = system === UCUM ? (v2UnitToUcum(code) ?? code) : code;
    }
    return;
  }
  const ucum = v2UnitToUcum(code);
  if (ucum !== undefined) {
    quantity.system = UCUM;
    quantity.code = ucum;
  }
}
