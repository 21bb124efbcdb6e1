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

/** PV1-3 → one Location, the most granular level sent (the library's PL[Location]). */
function location(pv1: Hl7Segment): JsonObject | undefined {
  const pointOfCare = text(pv1, 3, 1, 1);
  const room = text(pv1, 3, 1, 2);
  const bed = text(pv1, 3, 1, 3);
  if (pointOfCare === undefined && room === undefined && bed === undefined) return undefined;
  const id = [bed, room, text(pv1, 3, 1, 8), pointOfCare, text(pv1, 3, 1, 7), text(pv1, 3, 1, 4)].find((v) => v !== undefined);
  const resource: JsonObject = { resourceType: 'Location', identifier: [{ value: id as string }], mode: 'instance' };
  const kind = bed !== undefined ? 'bd' : room !== undefined ? 'ro' : text(pv1, 3, 1, 8) !== undefined ? 'lvl' : undefined;
  if (kind !== undefined) resource.physicalType = { coding: [{ code: kind, system: PHYSICAL_TYPE }] };
  put(resource, 'description', text(pv1, 3, 1, 9));
  return resource;
}

/** PV1-7 → Practitioner (the library's XCN[Practitioner]: identifier, name, degree as qualification). */
function practitioner(pv1: Hl7Segment, rep: number, tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'Practitioner' };
  const id = identifier(pv1, 7, rep, tz, XCN_IDENTIFIER);
  if (id !== undefined) resource.identifier = [id];
  const name: JsonObject = {};
  put(name, 'use', nameUse(text(pv1, 7, rep, 10))?.code);
  put(name, 'family', text(pv1, 7, rep, 2, 1)?.trim() || undefined);
  const list = (...components: number[]): string[] => components.map((c) => text(pv1, 7, rep, c)).filter((v): v is string => v !== undefined && v.trim() !== '');
  put(name, 'given', list(3, 4));
  put(name, 'prefix', list(6));
  put(name, 'suffix', list(5, 21));
  const period: JsonObject = {};
  put(period, 'start', date(text(pv1, 7, rep, 19) ?? text(pv1, 7, rep, 17, 1)));
  put(period, 'end', date(text(pv1, 7, rep, 20) ?? text(pv1, 7, rep, 17, 2)));
  put(name, 'period', period);
  if (Object.keys(name).length > 0) resource.name = [name];
  const code = degree(text(pv1, 7, rep, 7)?.trim());
  if (code !== undefined) resource.qualification = [{ code: { coding: [code] } }];
  return resource;
}

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
  const entries: Entry[] = [];
  const patientUrl = options.ids('patient', 0);
  // The Patient: a conditional update on its MR identifiers; without one the message fails.
  const thePatient = patient(message.segment('PID'), tz);
  const patientSearch = identifierSearch(thePatient.identifier, 'MR');
  if (patientSearch === undefined) throw new CrosswalkError('REQUEST_NO_SEARCH_VALUE', 'Target "patient" writes Patient conditionally on identifier, but this Patient has no value for it, and the target\'s request says to fail then.', { node: 'patient', path: 'Patient.identifier' });
  entries.push({ fullUrl: patientUrl, resource: thePatient, request: { method: 'PUT', url: `Patient?${patientSearch}` } });

  const pv1 = message.segment('PV1');
  const encounterUrl = options.ids('encounter', 0);
  const encounter: JsonObject = { resourceType: 'Encounter' };
  const more: Entry[] = [];
  if (pv1 !== undefined) {
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
    const participants: JsonObject[] = [];
    // Every attending doctor: one participant per PV1-7 repetition that is not empty; one
    // Practitioner per doctor, by identifier (else by content), created only if none has it.
    const doctors = (pv1.fieldRaw(7) ?? '').split(pv1.delimiters.repetition);
    const byIdentity = new Map<string, string>();
    for (let r = 1, position = 0; r <= doctors.length; r++) {
      if (doctors[r - 1].length === 0) continue;
      let url = options.ids('practitioner', position++);
      const resource = practitioner(pv1, r, tz);
      const search = identifierSearch(resource.identifier);
      const identity = search ?? JSON.stringify(resource);
      const kept = byIdentity.get(identity);
      if (kept !== undefined) url = kept;
      else {
        byIdentity.set(identity, url);
        more.push({ fullUrl: url, resource, request: search === undefined ? { method: 'POST', url: 'Practitioner' } : { method: 'POST', url: 'Practitioner', ifNoneExist: search } });
      }
      participants.push({
        type: [{ coding: [{ system: PARTICIPATION, code: 'ATND', display: 'attender' }] }],
        individual: { reference: url },
      });
    }
    put(encounter, 'participant', participants);
    const place = location(pv1);
    if (place !== undefined) {
      const url = options.ids('location', 0);
      entries.push(byId(url, place));
      encounter.location = [{ location: { reference: url }, status: text(pv1, 2) === 'P' ? 'planned' : 'active' }];
    }
    // The Encounter: a conditional update on its visit number, else a PUT by its id.
    const visitSearch = identifierSearch(encounter.identifier);
    entries.splice(1, 0, visitSearch === undefined ? byId(encounterUrl, encounter) : { fullUrl: encounterUrl, resource: encounter, request: { method: 'PUT', url: `Encounter?${visitSearch}` } });
  }
  entries.push(...more);

  message.segmentsById('OBX').forEach((obx, index) => {
    entries.push(byId(options.ids('observation', index), observation(obx, patientUrl, pv1 === undefined ? undefined : encounterUrl, tz)));
  });
  message.segmentsById('AL1').forEach((al1, index) => {
    entries.push(byId(options.ids('allergy', index), allergy(al1, patientUrl)));
  });

  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource, request: e.request })),
  };
}
