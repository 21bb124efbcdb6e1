import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import type { Hl7Message } from '../../shared/common/hl7v2/Hl7Message';
import type { Hl7Segment } from '../../shared/common/hl7v2/Hl7Segment';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import * as maps from '../../shared/common/library/valueMaps/index';
import {
  addUnits, address, codeableConcept, contactPoint, date, dateTime, decimal, humanName, identifier, put, repetitions, text,
  XCN_IDENTIFIER, type Json, type JsonObject, type Lookup,
} from './v2ToFhir';

/**
 * The ADT^A01 → FHIR R4 transaction Bundle mapping of examples/adt-a01-to-fhir.crosswalk.json,
 * written by hand in plain TypeScript: the practical speed limit the compiled mapping is measured
 * against in bench/sections/30-mapping.ts, and an independent second implementation of the same
 * IG mapping (the tests assert both give equal output on real and generated messages).
 */

/** Full URL of the n-th (0-based) resource a target yields for the message being mapped. */
export type ResourceIds = (targetId: string, position: number) => string;

function lookup(map: ValueMap): Lookup {
  const table = new Map<string, { code: string; system?: string; display?: string }>();
  for (const entry of map.entries) {
    const coding: { code: string; system?: string; display?: string } = { code: entry.target };
    const system = entry.system ?? map.targetSystem;
    if (system !== undefined) coding.system = system;
    if (entry.display !== undefined) coding.display = entry.display;
    table.set(entry.source, coding);
  }
  const policy = map.unmapped;
  return (code) => {
    if (code === undefined) return undefined;
    const hit = table.get(code);
    if (hit !== undefined) return hit;
    if (policy.kind === 'default') {
      const coding: { code: string; system?: string; display?: string } = { code: policy.code };
      const system = policy.system ?? map.targetSystem;
      if (system !== undefined) coding.system = system;
      if (policy.display !== undefined) coding.display = policy.display;
      return coding;
    }
    if (policy.kind === 'passthrough') return map.targetSystem === undefined ? { code } : { code, system: map.targetSystem };
    return undefined;
  };
}

const gender = lookup(maps.administrativeSex);
const nameUse = lookup(maps.nameType);
const addressUse = lookup(maps.addressUse);
const addressType = lookup(maps.addressType);
const telecomUse = lookup(maps.telecomUse);
const telecomSystem = lookup(maps.telecomSystem);
const encounterClass = lookup(maps.encounterClass);
const encounterStatus = lookup(maps.encounterStatus);
const interpretation = lookup(maps.interpretation);
const observationStatus = lookup(maps.observationStatus);
const allergenCategory = lookup(maps.allergenCategory);
const allergySeverity = lookup(maps.allergySeverity);
const degree = lookup(maps.degreeLicenseCertificate);

const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';
const QUANTITY_COMPARATORS = new Set(['<', '<=', '>=', '>']);

export interface HandwrittenOptions {
  ids: ResourceIds;
  /** Offset for HL7 times without one, as the example's settings.defaultTimezone. */
  defaultTimezone: string;
}

interface Entry { fullUrl: string; resource: JsonObject; request: JsonObject }

/**
 * A FHIR search token of an identifier (`system|value`, `|value` without a system), escaped as FHIR
 * search escapes `\ , | $` and percent-encoded except `: / | ,`, as the example's requests write it.
 */
function token(id: JsonObject): string {
  const esc = (v: string) => encodeURIComponent(v.replace(/[\\,|$]/g, (c) => `\\${c}`)).replace(/%(3A|2F|7C|2C)/g, (m) => decodeURIComponent(m));
  return `${typeof id.system === 'string' ? esc(id.system) : ''}|${esc(id.value as string)}`;
}

/** A PUT by the id of the entry's fullUrl (`urn:uuid:<id>`), the id written into the resource. */
function byId(fullUrl: string, resource: JsonObject): Entry {
  const id = fullUrl.slice('urn:uuid:'.length);
  resource.id = id;
  return { fullUrl, resource, request: { method: 'PUT', url: `${resource.resourceType as string}/${id}` } };
}

/** `identifier=…` over the identifiers (of one type code, when given), or undefined when none has a value. */
function identifierSearch(ids: Json | undefined, ofType?: string): string | undefined {
  const tokens = ((ids ?? []) as JsonObject[])
    .filter((id) => typeof id.value === 'string' && (ofType === undefined || (((id.type as JsonObject | undefined)?.coding ?? []) as JsonObject[]).some((c) => c.code === ofType)))
    .map(token);
  return tokens.length === 0 ? undefined : `identifier=${[...new Set(tokens)].join(',')}`;
}

/** One item per repetition of a field, leaving out repetitions that give nothing. */
function each(seg: Hl7Segment, field: number, item: (rep: number) => JsonObject | undefined): JsonObject[] {
  const out: JsonObject[] = [];
  for (let r = 1, n = repetitions(seg, field); r <= n; r++) {
    const value = item(r);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function patient(pid: Hl7Segment | undefined, tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'Patient' };
  if (pid === undefined) return resource;
  put(resource, 'identifier', each(pid, 3, (r) => identifier(pid, 3, r, tz)));
  put(resource, 'name', each(pid, 5, (r) => humanName(pid, 5, r, nameUse, tz)));
  put(resource, 'telecom', [
    ...each(pid, 13, (r) => contactPoint(pid, 13, r, 'home', telecomUse, telecomSystem, tz)),
    ...each(pid, 14, (r) => contactPoint(pid, 14, r, 'work', telecomUse, telecomSystem, tz)),
  ]);
  put(resource, 'gender', gender(text(pid, 8))?.code);
  const birth = text(pid, 7);
  put(resource, 'birthDate', date(birth));
  // IG: PID-7 longer than 8 characters carries a time of birth → the patient-birthTime extension.
  if (birth !== undefined && [...birth].length > 8) {
    const time = dateTime(birth, tz);
    if (time !== undefined) resource._birthDate = { extension: [{ url: BIRTH_TIME, valueDateTime: time }] };
  }
  const death = dateTime(text(pid, 29), tz);
  if (death !== undefined) resource.deceasedDateTime = death;
  else {
    const indicator = text(pid, 30);
    if (indicator === 'Y') resource.deceasedBoolean = true;
    else if (indicator === 'N') resource.deceasedBoolean = false;
  }
  put(resource, 'address', each(pid, 11, (r) => address(pid, 11, r, addressUse, addressType, tz)));
  return resource;
}

/** The levels of a person location, most granular first, each partOf the next one sent (the library's PL[Location-Bed] …). */
const LOCATION_LEVELS: readonly { target: string; component: number; physicalType?: string }[] = [
  { target: 'location-bed', component: 3, physicalType: 'bd' },
  { target: 'location-room', component: 2, physicalType: 'ro' },
  { target: 'location-floor', component: 8, physicalType: 'lvl' },
  { target: 'location-point-of-care', component: 1 },
  { target: 'location-building', component: 7, physicalType: 'bu' },
  { target: 'location-facility', component: 4, physicalType: 'si' },
];

/** PV1-3 → a Location per level sent, chained by partOf; the first is the most granular (Encounter.location points at it). */
function locations(pv1: Hl7Segment, ids: ResourceIds): { target: string; entry: Entry }[] {
  const sent = LOCATION_LEVELS.filter((level) => text(pv1, 3, 1, level.component) !== undefined);
  return sent.map((level, i) => {
    const resource: JsonObject = { resourceType: 'Location', identifier: [{ value: text(pv1, 3, 1, level.component) as string }], mode: 'instance' };
    if (level.physicalType !== undefined) resource.physicalType = { coding: [{ code: level.physicalType, system: PHYSICAL_TYPE }] };
    if (i === 0) put(resource, 'description', text(pv1, 3, 1, 9));
    if (i + 1 < sent.length) resource.partOf = { reference: ids(sent[i + 1].target, 0) };
    return { target: level.target, entry: byId(ids(level.target, 0), resource) };
  });
}

/** An XCN → Practitioner (the library's XCN[Practitioner]: identifier, name, degree as qualification). */
function practitioner(seg: Hl7Segment, field: number, rep: number, tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'Practitioner' };
  const id = identifier(seg, field, rep, tz, XCN_IDENTIFIER);
  if (id !== undefined) resource.identifier = [id];
  const name: JsonObject = {};
  put(name, 'use', nameUse(text(seg, field, rep, 10))?.code);
  put(name, 'family', text(seg, field, rep, 2, 1)?.trim() || undefined);
  const list = (...components: number[]): string[] => components.map((c) => text(seg, field, rep, c)).filter((v): v is string => v !== undefined && v.trim() !== '');
  put(name, 'given', list(3, 4));
  put(name, 'prefix', list(6));
  put(name, 'suffix', list(5, 21));
  const period: JsonObject = {};
  put(period, 'start', date(text(seg, field, rep, 19) ?? text(seg, field, rep, 17, 1)));
  put(period, 'end', date(text(seg, field, rep, 20) ?? text(seg, field, rep, 17, 2)));
  put(name, 'period', period);
  if (Object.keys(name).length > 0) resource.name = [name];
  const code = degree(text(seg, field, rep, 7)?.trim());
  if (code !== undefined) resource.qualification = [{ code: { coding: [code] } }];
  return resource;
}

/** Whether an XCN repetition names someone: an identifier or a family name. */
const namesPerson = (seg: Hl7Segment, field: number, rep: number): boolean => text(seg, field, rep, 1) !== undefined || text(seg, field, rep, 2) !== undefined;

/** PV1's people as participants (IG PV1[Encounter] participant[1] … [5]) and the target of each one's Practitioner. */
const PARTICIPANTS: readonly { field: number; target: string; type: JsonObject }[] = [
  { field: 7, target: 'attending-doctor', type: { coding: [{ system: PARTICIPATION, code: 'ATND', display: 'attender' }] } },
  { field: 8, target: 'referring-doctor', type: { coding: [{ system: PARTICIPATION, code: 'REF' }], text: 'referrer' } },
  { field: 9, target: 'consulting-doctor', type: { coding: [{ system: PARTICIPATION, code: 'CON' }], text: 'consultant' } },
  { field: 17, target: 'admitting-doctor', type: { coding: [{ system: PARTICIPATION, code: 'ADM' }], text: 'admitter' } },
  { field: 52, target: 'other-healthcare-provider', type: { coding: [{ system: PARTICIPATION, code: 'PART' }], text: 'Participation' } },
];

/**
 * The entries of one transaction, by target, written in the targets' order. People and
 * organizations a message only names are one record per identifier (else per content) across
 * every target of their resource type, the first one written and every reference pointing at it.
 */
class Transaction {
  private readonly entries = new Map<string, Entry[]>();
  private readonly records = new Map<string, Map<string, string>>();

  constructor(private readonly order: readonly string[], private readonly ids: ResourceIds) {}

  add(target: string, ...entries: Entry[]): void {
    let list = this.entries.get(target);
    if (list === undefined) this.entries.set(target, (list = []));
    list.push(...entries);
  }

  /** A resource of a target that creates it only when none has its identifier; gives the fullUrl references point at. */
  named(target: string, position: number, resource: JsonObject): string {
    const search = identifierSearch(resource.identifier);
    const identity = search ?? JSON.stringify(resource);
    const type = resource.resourceType as string;
    let records = this.records.get(type);
    if (records === undefined) this.records.set(type, (records = new Map()));
    const kept = records.get(identity);
    if (kept !== undefined) return kept;
    const url = this.ids(target, position);
    records.set(identity, url);
    this.add(target, { fullUrl: url, resource, request: search === undefined ? { method: 'POST', url: type } : { method: 'POST', url: type, ifNoneExist: search } });
    return url;
  }

  /** One named resource per repetition of an XCN field that names someone; the references, in order. */
  people(target: string, seg: Hl7Segment, field: number, tz: string): string[] {
    const out: string[] = [];
    for (let r = 1, n = repetitions(seg, field); r <= n; r++) {
      if (namesPerson(seg, field, r)) out.push(this.named(target, out.length, practitioner(seg, field, r, tz)));
    }
    return out;
  }

  bundle(): JsonObject {
    const entry = this.order.flatMap((target) => this.entries.get(target) ?? []);
    return { resourceType: 'Bundle', type: 'transaction', entry: entry.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource, request: e.request })) };
  }
}

/** The targets of the example's message map, in its order (the order of the Bundle's entries). */
const TARGETS = ['patient', 'encounter', ...LOCATION_LEVELS.map((l) => l.target), ...PARTICIPANTS.map((p) => p.target), 'observation', 'allergy'];

function observationValue(obs: JsonObject, obx: Hl7Segment, tz: string): void {
  const type = text(obx, 2);
  switch (type) {
    case 'NM': {
      const quantities: JsonObject[] = [];
      for (let r = 1, n = repetitions(obx, 5); r <= n; r++) {
        const value = decimal(text(obx, 5, r));
        if (value === undefined) continue;
        const quantity: JsonObject = { value };
        addUnits(quantity, obx, 6);
        quantities.push(quantity);
      }
      // Several repetitions (60~120): one component each, coded as the Observation (IG OBX[Observation-Component]).
      if (quantities.length > 1) {
        obs.component = quantities.map((valueQuantity) => {
          const component: JsonObject = {};
          put(component, 'code', codeableConcept(obx, 3, 1));
          component.valueQuantity = valueQuantity;
          return component;
        });
      }
      else if (quantities.length === 1) obs.valueQuantity = quantities[0];
      return;
    }
    case 'ST': case 'TX': case 'FT': {
      put(obs, 'valueString', text(obx, 5));
      return;
    }
    case 'CWE': case 'CE': {
      put(obs, 'valueCodeableConcept', codeableConcept(obx, 5, 1));
      return;
    }
    case 'DT': case 'DTM': case 'TS': {
      put(obs, 'valueDateTime', dateTime(text(obx, 5), tz));
      return;
    }
    case 'SN': {
      const comparator = text(obx, 5, 1, 1);
      const first = text(obx, 5, 1, 2);
      const separator = text(obx, 5, 1, 3);
      const second = text(obx, 5, 1, 4);
      const withUnits = (value: string | undefined): JsonObject | undefined => {
        const number = decimal(value);
        if (number === undefined) return undefined;
        const quantity: JsonObject = { value: number };
        addUnits(quantity, obx, 6);
        return quantity;
      };
      if (comparator !== '<>' && (separator === ':' || separator === '/')) {
        const ratio: JsonObject = {};
        const numerator = withUnits(first);
        if (numerator !== undefined && comparator !== undefined && QUANTITY_COMPARATORS.has(comparator)) numerator.comparator = comparator;
        put(ratio, 'numerator', numerator);
        const denominator = decimal(second);
        if (denominator !== undefined) ratio.denominator = { value: denominator };
        put(obs, 'valueRatio', ratio);
      } else if (comparator !== '<>' && separator === '-') {
        const range: JsonObject = {};
        put(range, 'low', withUnits(first));
        put(range, 'high', withUnits(second));
        put(obs, 'valueRange', range);
      } else if (comparator !== '<>' && separator === undefined) {
        const quantity = withUnits(first);
        if (quantity !== undefined && comparator !== undefined && QUANTITY_COMPARATORS.has(comparator)) quantity.comparator = comparator;
        put(obs, 'valueQuantity', quantity);
      } else {
        const parts = [comparator, first, separator, second, text(obx, 6, 1, 1)].filter((p) => p !== undefined);
        put(obs, 'valueString', parts.join(' '));
      }
      return;
    }
    default:
      return;
  }
}

function observation(obx: Hl7Segment, subject: string, encounter: string | undefined, tz: string): JsonObject {
  const obs: JsonObject = { resourceType: 'Observation' };
  put(obs, 'status', observationStatus(text(obx, 11))?.code ?? 'unknown');
  put(obs, 'code', codeableConcept(obx, 3, 1) ?? (text(obx, 3) === undefined ? { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } : undefined));
  obs.subject = { reference: subject };
  if (encounter !== undefined) obs.encounter = { reference: encounter };
  put(obs, 'effectiveDateTime', dateTime(text(obx, 14), tz));
  observationValue(obs, obx, tz);
  const interpretations: JsonObject[] = [];
  for (let r = 1, n = repetitions(obx, 8); r <= n; r++) {
    const coding = interpretation(text(obx, 8, r, 1));
    if (coding !== undefined) interpretations.push({ coding: [{ ...coding }] });
  }
  put(obs, 'interpretation', interpretations);
  const range = text(obx, 7);
  if (range !== undefined) obs.referenceRange = [{ text: range }];
  return obs;
}

function allergy(al1: Hl7Segment, patientUrl: string): JsonObject {
  const resource: JsonObject = {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  };
  const category = allergenCategory(text(al1, 2, 1, 1))?.code;
  if (category !== undefined) resource.category = [category];
  put(resource, 'code', codeableConcept(al1, 3, 1));
  put(resource, 'criticality', allergySeverity(text(al1, 4, 1, 1))?.code);
  resource.patient = { reference: patientUrl };
  put(resource, 'onsetDateTime', date(text(al1, 6)));
  const manifestations: JsonObject[] = [];
  for (let r = 1, n = repetitions(al1, 5); r <= n; r++) {
    const reaction = text(al1, 5, r);
    if (reaction !== undefined) manifestations.push({ text: reaction });
  }
  if (manifestations.length > 0) resource.reaction = [{ manifestation: manifestations }];
  return resource;
}

/** One ADT^A01 message → one FHIR R4 transaction Bundle (Patient, Encounter, Location, Practitioners, Observations, AllergyIntolerances). */
export function adtA01ToFhir(message: Hl7Message, options: HandwrittenOptions): JsonObject {
  const messageCode = message.segments[0]?.value(9);
  if (messageCode !== 'ADT') {
    throw new CrosswalkError('VALUEMAP_UNMAPPED', 'Value map "Accepted message types (MSH-9.1)" has no entry for the code it was given, and its policy for unmapped codes is error.', {}, messageCode ?? '');
  }
  const tz = options.defaultTimezone;
  const ids = options.ids;
  const bundle = new Transaction(TARGETS, ids);
  const patientUrl = ids('patient', 0);
  // The Patient: a conditional update on its MR identifiers; without one the message fails.
  const thePatient = patient(message.segment('PID'), tz);
  const patientSearch = identifierSearch(thePatient.identifier, 'MR');
  if (patientSearch === undefined) throw new CrosswalkError('REQUEST_NO_SEARCH_VALUE', 'Target "patient" writes Patient conditionally on identifier, but this Patient has no value for it, and the target\'s request says to fail then.', { node: 'patient', path: 'Patient.identifier' });
  bundle.add('patient', { fullUrl: patientUrl, resource: thePatient, request: { method: 'PUT', url: `Patient?${patientSearch}` } });

  const pv1 = message.segment('PV1');
  const encounterUrl = ids('encounter', 0);
  if (pv1 !== undefined) {
    const encounter: JsonObject = { resourceType: 'Encounter' };
    const patientClass = text(pv1, 2) ?? 'U';
    put(encounter, 'status', text(pv1, 45) !== undefined ? 'finished' : encounterStatus(patientClass)?.code);
    const cls = encounterClass(patientClass);
    if (cls !== undefined) encounter.class = { ...cls };
    const visitNumber = text(pv1, 19, 1, 1);
    if (visitNumber !== undefined) {
      const visit: JsonObject = { value: visitNumber };
      const oid = text(pv1, 19, 1, 4, 3) === 'ISO' ? text(pv1, 19, 1, 4, 2) : undefined;
      if (oid !== undefined) visit.system = `urn:oid:${oid}`;
      else {
        const authority = text(pv1, 19, 1, 4, 1);
        if (authority !== undefined) visit.assigner = { display: authority };
      }
      visit.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'VN' }], text: 'visit number' };
      encounter.identifier = [visit];
    }
    encounter.subject = { reference: patientUrl };
    const period: JsonObject = {};
    put(period, 'start', dateTime(text(pv1, 44), tz));
    put(period, 'end', dateTime(text(pv1, 45), tz));
    put(encounter, 'period', period);
    // Each person named in PV1-7, -8, -9, -17, -52: a participant, and one Practitioner per identity.
    const participants: JsonObject[] = [];
    for (const { field, target, type } of PARTICIPANTS) {
      for (const url of bundle.people(target, pv1, field, tz)) participants.push({ type: [type], individual: { reference: url } });
    }
    put(encounter, 'participant', participants);
    const places = locations(pv1, ids);
    for (const { target, entry } of places) bundle.add(target, entry);
    if (places.length > 0) encounter.location = [{ location: { reference: places[0].entry.fullUrl }, status: text(pv1, 2) === 'P' ? 'planned' : 'active' }];
    // The Encounter: a conditional update on its visit number, else a PUT by its id.
    const visitSearch = identifierSearch(encounter.identifier);
    bundle.add('encounter', visitSearch === undefined ? byId(encounterUrl, encounter) : { fullUrl: encounterUrl, resource: encounter, request: { method: 'PUT', url: `Encounter?${visitSearch}` } });
  }

  message.segmentsById('OBX').forEach((obx, index) => {
    bundle.add('observation', byId(ids('observation', index), observation(obx, patientUrl, pv1 === undefined ? undefined : encounterUrl, tz)));
  });
  message.segmentsById('AL1').forEach((al1, index) => {
    bundle.add('allergy', byId(ids('allergy', index), allergy(al1, patientUrl)));
  });
  return bundle.bundle();
}
