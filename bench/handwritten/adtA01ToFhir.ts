import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import type { Hl7Message } from '../../shared/common/hl7v2/Hl7Message';
import type { Hl7Segment } from '../../shared/common/hl7v2/Hl7Segment';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import * as maps from '../../shared/common/library/valueMaps/index';
import {
  addUnits, address, codeableConcept, contactPoint, date, dateTime, decimal, entityIdentifier, humanName, identifier, put, repetitions, text,
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

const SNOMED = 'http://snomed.info/sct';
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

  /** The first entry of a target, if any. */
  entryOf(target: string): Entry | undefined {
    return this.entries.get(target)?.[0];
  }

  bundle(): JsonObject {
    const entry = this.order.flatMap((target) => this.entries.get(target) ?? []);
    return { resourceType: 'Bundle', type: 'transaction', entry: entry.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource, request: e.request })) };
  }
}

/** The targets of the example's message map, in its order (the order of the Bundle's entries). */
/** PR1's people as Procedure performers (IG PR1[Procedure]), with their function, and the target of each one's Practitioner. */
const PERFORMERS: readonly { field: number; target: string; function?: JsonObject }[] = [
  { field: 8, target: 'anesthesiologist', function: { coding: [{ system: SNOMED, code: '88189002' }] } },
  { field: 11, target: 'surgeon', function: { coding: [{ system: SNOMED, code: '304292004' }] } },
  { field: 12, target: 'procedure-practitioner' },
];

const TARGETS = [
  'patient', 'encounter', ...LOCATION_LEVELS.map((l) => l.target), ...PARTICIPANTS.map((p) => p.target), 'observation', 'allergy',
  'condition', 'diagnosing-clinician', 'procedure', ...PERFORMERS.map((p) => p.target), 'related-person', 'general-practice',
  'general-practitioner', 'coverage', 'payor',
];

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

/** A resource with identifiers: a conditional update on them, else a PUT by its id. */
function recordOf(fullUrl: string, resource: JsonObject): Entry {
  const search = identifierSearch(resource.identifier);
  return search === undefined ? byId(fullUrl, resource) : { fullUrl, resource, request: { method: 'PUT', url: `${resource.resourceType as string}?${search}` } };
}

/** NK1-3 codes of an organization (employer, agency, insurer): a Patient.contact only, not a RelatedPerson. */
const NK1_ORGANIZATIONS = new Set(['EMR', 'E', 'F', 'I', 'S']);

/** What Patient.contact (NK1[Patient]) and RelatedPerson (NK1[RelatedPerson]) both take from an NK1; `single` for a contact's one name and address. */
function nk1Person(nk1: Hl7Segment, into: JsonObject, single: boolean, tz: string): void {
  const names = each(nk1, 2, (r) => humanName(nk1, 2, r, nameUse, tz));
  const addresses = each(nk1, 4, (r) => address(nk1, 4, r, addressUse, addressType, tz));
  put(into, 'name', single ? names[0] : names);
  put(into, 'address', single ? addresses[0] : addresses);
  put(into, 'relationship', [...each(nk1, 3, (r) => codeableConcept(nk1, 3, r)), ...each(nk1, 7, (r) => codeableConcept(nk1, 7, r))]);
  // NK1-6 is the business number: use work whatever XTN-2 says.
  put(into, 'telecom', [
    ...each(nk1, 5, (r) => contactPoint(nk1, 5, r, undefined, telecomUse, telecomSystem, tz)),
    ...each(nk1, 6, (r) => contactPoint(nk1, 6, r, undefined, telecomUse, telecomSystem, tz)).map((cp) => ({ ...cp, use: 'work' })),
  ]);
  const period: JsonObject = {};
  put(period, 'start', date(text(nk1, 8)));
  put(period, 'end', date(text(nk1, 9)));
  put(into, 'period', period);
  put(into, 'gender', gender(text(nk1, 15))?.code);
}

function relatedPerson(nk1: Hl7Segment, patientUrl: string, tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'RelatedPerson' };
  nk1Person(nk1, resource, false, tz);
  put(resource, 'identifier', [...each(nk1, 12, (r) => identifier(nk1, 12, r, tz)), ...each(nk1, 33, (r) => identifier(nk1, 33, r, tz))]);
  put(resource, 'birthDate', date(text(nk1, 16)));
  const language = codeableConcept(nk1, 20, 1);
  if (language !== undefined) resource.communication = [{ language }];
  resource.patient = { reference: patientUrl };
  return resource;
}

/** An XON → Organization (the library's XON[Organization]): name, and identifier XON-10 else XON-3; undefined when it names nobody. */
function organization(seg: Hl7Segment, field: number, tz: string): JsonObject | undefined {
  const name = text(seg, field, 1, 1)?.trim() || undefined;
  const idComponent = text(seg, field, 1, 10)?.trim() ? 10 : 3;
  const id = identifier(seg, field, 1, tz, { value: idComponent, checkDigit: 4, scheme: 5, authority: 6, type: 7 });
  if (name === undefined && id === undefined) return undefined;
  const resource: JsonObject = { resourceType: 'Organization' };
  put(resource, 'name', name);
  if (id !== undefined) resource.identifier = [id];
  return resource;
}

function condition(dg1: Hl7Segment, patientUrl: string, asserter: string | undefined, tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'Condition' };
  const code = codeableConcept(dg1, 3, 1) ?? {};
  put(code, 'text', text(dg1, 4));
  put(resource, 'code', code);
  put(resource, 'onsetDateTime', dateTime(text(dg1, 5), tz));
  const identified = dateTime(text(dg1, 19), tz);
  if (identified !== undefined) {
    resource.extension = [{ url: 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate', valueDateTime: identified }];
    resource.recordedDate = identified;
  }
  const id = entityIdentifier(dg1, 20, 1);
  if (id !== undefined) resource.identifier = [id];
  if (text(dg1, 21) === 'D') resource.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] };
  resource.subject = { reference: patientUrl };
  if (asserter !== undefined) resource.asserter = { reference: asserter };
  return resource;
}

function procedure(pr1: Hl7Segment, patientUrl: string, performers: JsonObject[], tz: string): JsonObject {
  const resource: JsonObject = { resourceType: 'Procedure', status: 'unknown' };
  const code = codeableConcept(pr1, 3, 1) ?? {};
  if (text(pr1, 3, 1, 9) === undefined) put(code, 'text', text(pr1, 4));
  put(resource, 'code', code);
  put(resource, 'performedDateTime', dateTime(text(pr1, 5), tz));
  put(resource, 'category', codeableConcept(pr1, 6, 1));
  put(resource, 'performer', performers);
  put(resource, 'reasonCode', each(pr1, 15, (r) => codeableConcept(pr1, 15, r)));
  const id = entityIdentifier(pr1, 19, 1);
  if (id !== undefined) resource.identifier = [id];
  resource.subject = { reference: patientUrl };
  return resource;
}

function coverage(in1: Hl7Segment, patientUrl: string, payor: string | undefined): JsonObject {
  const resource: JsonObject = { resourceType: 'Coverage', status: 'active' };
  const plan = text(in1, 2, 1, 1);
  if (plan !== undefined) resource.identifier = [{ value: plan }];
  const period: JsonObject = {};
  put(period, 'start', date(text(in1, 12)));
  put(period, 'end', date(text(in1, 13)));
  put(resource, 'period', period);
  put(resource, 'type', codeableConcept(in1, 15, 1));
  put(resource, 'relationship', codeableConcept(in1, 17, 1));
  resource.beneficiary = { reference: patientUrl };
  if (text(in1, 17, 1, 1) === 'SEL') resource.subscriber = { reference: patientUrl };
  // No insurer named: the patient pays (Coverage.payor is required).
  resource.payor = [{ reference: payor ?? patientUrl }];
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

  // DG1 → Condition, asserted by the first diagnosing clinician, and the Encounter's diagnosis.
  const diagnoses: JsonObject[] = [];
  let clinicians = 0;
  message.segmentsById('DG1').forEach((dg1, index) => {
    const asserter = namesPerson(dg1, 16, 1) ? bundle.named('diagnosing-clinician', clinicians++, practitioner(dg1, 16, 1, tz)) : undefined;
    const url = ids('condition', index);
    bundle.add('condition', recordOf(url, condition(dg1, patientUrl, asserter, tz)));
    const diagnosis: JsonObject = { condition: { reference: url } };
    put(diagnosis, 'rank', decimal(text(dg1, 15)));
    diagnoses.push(diagnosis);
  });
  const encounter = bundle.entryOf('encounter');
  if (encounter !== undefined) put(encounter.resource, 'diagnosis', diagnoses);

  // PR1 (one per PROCEDURE group) → Procedure; its anesthesiologist, surgeon and other practitioner Practitioners.
  const procedures = message.segmentsById('PR1');
  const performers: JsonObject[][] = procedures.map(() => []);
  for (const { field, target, function: role } of PERFORMERS) {
    let position = 0;
    procedures.forEach((pr1, index) => {
      if (!namesPerson(pr1, field, 1)) return;
      const performer: JsonObject = {};
      if (role !== undefined) performer.function = role;
      performer.actor = { reference: bundle.named(target, position++, practitioner(pr1, field, 1, tz)) };
      performers[index].push(performer);
    });
  }
  procedures.forEach((pr1, index) => bundle.add('procedure', recordOf(ids('procedure', index), procedure(pr1, patientUrl, performers[index], tz))));

  // NK1 → Patient.contact, and a RelatedPerson for a person (not an organization, NK1-3).
  const contacts: JsonObject[] = [];
  let people = 0;
  for (const nk1 of message.segmentsById('NK1')) {
    const contact: JsonObject = {};
    nk1Person(nk1, contact, true, tz);
    contacts.push(contact);
    if (!NK1_ORGANIZATIONS.has(text(nk1, 3) ?? '')) bundle.add('related-person', recordOf(ids('related-person', people++), relatedPerson(nk1, patientUrl, tz)));
  }
  put(thePatient, 'contact', contacts);

  // PD1 → the general practitioners: the primary facility (an Organization), then each primary care provider.
  const pd1 = message.segment('PD1');
  if (pd1 !== undefined) {
    const practice = organization(pd1, 3, tz);
    const doctors = bundle.people('general-practitioner', pd1, 4, tz);
    const references = [...(practice === undefined ? [] : [bundle.named('general-practice', 0, practice)]), ...doctors];
    put(thePatient, 'generalPractitioner', references.map((reference) => ({ reference })));
  }

  // IN1 (one per INSURANCE group) → Coverage, its payor the insurance company (IN1-4, address IN1-5, id IN1-3).
  let payors = 0;
  message.segmentsById('IN1').forEach((in1, index) => {
    const insurer = organization(in1, 4, tz);
    let payor: string | undefined;
    if (insurer !== undefined) {
      put(insurer, 'address', each(in1, 5, (r) => address(in1, 5, r, addressUse, addressType, tz)));
      insurer.identifier = [...((insurer.identifier ?? []) as JsonObject[]), ...each(in1, 3, (r) => identifier(in1, 3, r, tz))];
      if ((insurer.identifier as JsonObject[]).length === 0) delete insurer.identifier;
      payor = bundle.named('payor', payors++, insurer);
    }
    bundle.add('coverage', byId(ids('coverage', index), coverage(in1, patientUrl, payor)));
  });
  return bundle.bundle();
}
