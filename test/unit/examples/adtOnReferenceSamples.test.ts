import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { executeMapping, type MappingPlan, type TransactionBundle } from '../../../shared/common/mapping/index';
import { adtA01ToFhir } from '../../../bench/handwritten/adtA01ToFhir';
import { engineIds } from '../../../bench/handwritten/engineIds';
import { exampleByFile, prepareExample, readSample, sampleFiles, samplesDir as samples } from './exampleFixture';

// The ADT example over every real sample in ../shared/reference/hl7v2-samples: ADT messages map to
// Bundles with no FHIR validation error; every other message type fails with a clear error (the
// mapping accepts ADT only, by design: see examples/README.md).
const files = sampleFiles();
const example = exampleByFile('examples/adt-a01-to-fhir.crosswalk.json');
let plan: MappingPlan;
let validator: FhirValidator;

beforeAll(async () => ({ plan, validator } = await prepareExample(example)));

/** A member of parsed JSON by keys and indexes, or undefined. */
function get(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}
const list = (value: unknown, key: string): unknown[] => (Array.isArray(get(value, key)) ? (get(value, key) as unknown[]) : []);
const instant = (value: unknown, ...path: string[]): number => Date.parse(String(get(value, ...path)));

const read = readSample;
const messageCode = (text: string): string | undefined => parseHl7(text).get('MSH-9.1') ?? undefined;
const adtFiles = files.filter((f) => messageCode(read(f)) === 'ADT');
const otherFiles = files.filter((f) => messageCode(read(f)) !== 'ADT');

test('the reference folder has ADT and other samples', () => {
  expect(adtFiles).toEqual(['fhirconverter_ADT-A01-01.hl7', 'fhirconverter_ADT01-23.hl7']);
  expect(otherFiles.length).toBe(files.length - 2);
});

describe.each(adtFiles)('ADT sample %s', (file) => {
  const text = read(file);
  const run = (): TransactionBundle => executeMapping(plan, parseHl7(text)).bundle;

  test('maps to a transaction Bundle with no FHIR R4 validation error', () => {
    const bundle = run();
    expect(bundle.entry.map((e) => e.resource.resourceType).slice(0, 2)).toEqual(['Patient', 'Encounter']);
    expect(validator.validate(JSON.parse(JSON.stringify(bundle)))).toEqual([]);
  });

  test('gives the hand-written mapper\'s output', () => {
    const message = parseHl7(text);
    expect(JSON.parse(JSON.stringify(run()))).toEqual(adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: 'Z' }));
  });

  test('is deterministic: the same message gives byte-identical output', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });

  test('agrees with the FHIR Converter\'s expected output where the IG agrees', () => {
    const converter = JSON.parse(readFileSync(path.join(samples, 'expected-fhir-converter', file.replace('.hl7', '-expected.json')), 'utf8')) as { entry: { resource: Record<string, unknown> }[] };
    const theirs = (type: string): unknown[] => converter.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    const ours = (type: string): unknown[] => run().entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    const [patient] = ours('Patient');
    const [their] = theirs('Patient');
    expect(get(patient, 'gender')).toBe(get(their, 'gender'));
    expect(get(patient, 'birthDate')).toBe(get(their, 'birthDate'));
    // PID-7 with a time: the same birthTime extension, at the same instant (they write their server's offset).
    const birthTime = (p: unknown): unknown => get(p, '_birthDate', 'extension', 0, 'url');
    expect(birthTime(patient)).toBe(birthTime(their));
    if (birthTime(their) !== undefined) expect(instant(patient, '_birthDate', 'extension', '0', 'valueDateTime')).toBe(instant(their, '_birthDate', 'extension', '0', 'valueDateTime'));
    // Every PID-3 identifier value is among theirs (they add PID-2, PID-4, PID-19 ... to the same list).
    const theirIds = list(their, 'identifier').map((i) => get(i, 'value'));
    for (const id of list(patient, 'identifier')) expect(theirIds).toContain(get(id, 'value'));
    // PID-5 names: the same family names in the same order (they also append other segments' names).
    const families = list(patient, 'name').map((n) => get(n, 'family'));
    expect(families.length).toBeGreaterThan(0);
    expect(list(their, 'name').map((n) => get(n, 'family')).slice(0, families.length)).toEqual(families);
    // The same instant of death, whatever offset each writes (they convert to their server's zone; the IG keeps the sender's).
    if (get(their, 'deceasedDateTime') !== undefined) expect(instant(patient, 'deceasedDateTime')).toBe(instant(their, 'deceasedDateTime'));
    const [encounter] = ours('Encounter');
    const [theirEncounter] = theirs('Encounter');
    expect(get(encounter, 'class', 'code')).toBe(get(theirEncounter, 'class', 'code'));
    expect(get(encounter, 'class', 'system')).toBe(get(theirEncounter, 'class', 'system'));
    expect(instant(encounter, 'period', 'start')).toBe(instant(theirEncounter, 'period', 'start'));
    expect(get(encounter, 'identifier', 0, 'value')).toBe(get(theirEncounter, 'identifier', 0, 'value'));
    const loinc = (o: unknown) => get(o, 'code', 'coding', 0, 'system') === 'http://loinc.org';
    expect(ours('Observation').map((o) => get(o, 'code', 'coding', 0, 'code'))).toEqual(theirs('Observation').filter(loinc).map((o) => get(o, 'code', 'coding', 0, 'code')));
    const allergy = (a: unknown) => [get(a, 'category'), get(a, 'criticality'), get(a, 'code', 'coding', 0, 'code')];
    expect(ours('AllergyIntolerance').map(allergy)).toEqual(theirs('AllergyIntolerance').map(allergy));
  });
});

describe.each(otherFiles)('non-ADT sample %s', (file) => {
  test('is refused with MESSAGE_NOT_ACCEPTED naming its MSH-9 and what the message map accepts', () => {
    const text = read(file);
    let error: unknown;
    try {
      executeMapping(plan, parseHl7(text));
    } catch (e) {
      error = e;
    }
    const message = parseHl7(text);
    expect(error).toMatchObject({ code: 'MESSAGE_NOT_ACCEPTED', where: { segmentId: 'MSH', field: 9, path: 'MSH-9' } });
    expect((error as CrosswalkError).message).toBe(`The message is ${message.get('MSH-9.1')}^${message.get('MSH-9.2')} v${message.get('MSH-12')} (MSH-9, MSH-12), which this mapping does not accept; it accepts ADT^A01, ADT^A04, ADT^A08, ADT^A13.`);
  });
});

test('every attending doctor in PV1-7 becomes a Practitioner and a participant referencing it (fhirconverter_ADT01-23.hl7 with a PV1-7 repetition added)', () => {
  const text = read('fhirconverter_ADT01-23.hl7').replace('|37^DISNEY^WALT^^^^^^AccMgr^^^^CI|', '|37^DISNEY^WALT^^^^^^AccMgr^^^^CI~38^DUCK^DAISY|');
  const message = parseHl7(text);
  const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as TransactionBundle;
  expect(validator.validate(bundle)).toEqual([]);
  expect(bundle).toEqual(adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: 'Z' }));
  const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
  expect(practitioners.map((e) => [get(e.resource, 'identifier', 0, 'value'), get(e.resource, 'name', 0, 'family'), get(e.resource, 'name', 0, 'given')])).toEqual([
    ['37', 'DISNEY', ['WALT']],
    ['38', 'DUCK', ['DAISY']],
  ]);
  expect(practitioners[0].fullUrl).not.toBe(practitioners[1].fullUrl);
  const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter');
  expect(list(encounter?.resource, 'participant').map((p) => [get(p, 'type', 0, 'coding', 0, 'code'), get(p, 'individual', 'reference')])).toEqual([
    ['ATND', practitioners[0].fullUrl],
    ['ATND', practitioners[1].fullUrl],
    // PV1-17 names DISNEY again (the admitting doctor): the same Practitioner.
    ['ADM', practitioners[0].fullUrl],
  ]);
});

test('PV1-3 PREOP^101^1^1^^^S is bed 1 in room 101 in PREOP in building S of facility 1, each partOf the next, the Encounter at the bed (fhirconverter_ADT01-23.hl7)', () => {
  const message = parseHl7(read('fhirconverter_ADT01-23.hl7'));
  const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as TransactionBundle;
  expect(validator.validate(bundle)).toEqual([]);
  const locations = bundle.entry.filter((e) => e.resource.resourceType === 'Location');
  expect(locations.map((e) => [get(e.resource, 'identifier', 0, 'value'), get(e.resource, 'physicalType', 'coding', 0, 'code'), get(e.resource, 'partOf', 'reference')])).toEqual([
    ['1', 'bd', locations[1].fullUrl],
    ['101', 'ro', locations[2].fullUrl],
    ['PREOP', undefined, locations[3].fullUrl],
    ['S', 'bu', locations[4].fullUrl],
    ['1', 'si', undefined],
  ]);
  const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter');
  expect(get(encounter?.resource, 'location', 0, 'location', 'reference')).toBe(locations[0].fullUrl);
});

test('PV1-8, -9, -17 and -52 are participants REF, CON, ADM and PART, each pointing at its own Practitioner (fhirconverter_ADT-A01-01.hl7)', () => {
  const message = parseHl7(read('fhirconverter_ADT-A01-01.hl7'));
  const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as TransactionBundle;
  expect(validator.validate(bundle)).toEqual([]);
  const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
  const byUrl = new Map(practitioners.map((e) => [e.fullUrl, get(e.resource, 'identifier', 0, 'value')]));
  const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter');
  expect(list(encounter?.resource, 'participant').map((p) => [get(p, 'type', 0, 'coding', 0, 'code'), get(p, 'type', 0, 'text'), byUrl.get(String(get(p, 'individual', 'reference')))])).toEqual([
    ['ATND', undefined, '1122334'],
    ['REF', 'referrer', 'C006'],
    ['CON', 'consultant', 'C008'],
    ['ADM', 'admitter', '37'],
    ['PART', 'Participation', 'Othhel'],
  ]);
  // XCN-13 type and XCN-9 assigner kept; an ISO assigning authority becomes the system.
  expect(practitioners.map((e) => get(e.resource, 'identifier', 0))).toEqual([
    { value: '1122334', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BR' }] }, assigner: { display: 'PERSONNELt' } },
    { value: 'C006', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BA' }] }, assigner: { display: 'TEST' } },
    { system: 'urn:oid:1.3.6.1.4.1.44750.1.2.2', value: 'C008', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BR' }] } },
    { value: '37', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ANC' }] }, assigner: { display: 'AccMgr' } },
    { value: 'Othhel', assigner: { display: 'testing' } },
  ]);
});

test('an empty PV1-7 repetition gives no Practitioner (fhirconverter_ADT01-23.hl7 with PV1-7 "~38^DUCK^DAISY")', () => {
  const text = read('fhirconverter_ADT01-23.hl7').replace('|37^DISNEY^WALT^^^^^^AccMgr^^^^CI|', '|~38^DUCK^DAISY|');
  const message = parseHl7(text);
  const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as TransactionBundle;
  expect(bundle).toEqual(adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: 'Z' }));
  const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
  // DUCK from PV1-7's second repetition, DISNEY from PV1-17 (the admitting doctor).
  expect(practitioners.map((e) => get(e.resource, 'name', 0, 'family'))).toEqual(['DUCK', 'DISNEY']);
  const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter');
  expect(list(encounter?.resource, 'participant').map((p) => get(p, 'individual', 'reference'))).toEqual([practitioners[0].fullUrl, practitioners[1].fullUrl]);
});

test('PID-7 of 8 characters or fewer gives birthDate only; a longer one adds the birthTime extension with the sender\'s offset (fhirconverter_ADT01-23.hl7 with PID-7 varied)', () => {
  const withBirth = (birth: string): Record<string, unknown> => {
    const text = read('fhirconverter_ADT01-23.hl7').replace('||19241010|M|', `||${birth}|M|`);
    const bundle = JSON.parse(JSON.stringify(executeMapping(plan, parseHl7(text)).bundle)) as TransactionBundle;
    expect(validator.validate(bundle)).toEqual([]);
    const patient = bundle.entry[0].resource as Record<string, unknown>;
    return { birthDate: patient.birthDate, _birthDate: patient._birthDate };
  };
  const birthTime = (valueDateTime: string) => ({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime }] });
  expect(withBirth('19241010')).toEqual({ birthDate: '1924-10-10', _birthDate: undefined });
  expect(withBirth('192410')).toEqual({ birthDate: '1924-10', _birthDate: undefined });
  // No offset of its own: the sender's, from MSH-7 (20050110045504+0700), not the bundle's default Z.
  expect(withBirth('192410100830')).toEqual({ birthDate: '1924-10-10', _birthDate: birthTime('1924-10-10T08:30:00+07:00') });
  expect(withBirth('19241010083015-0500')).toEqual({ birthDate: '1924-10-10', _birthDate: birthTime('1924-10-10T08:30:15-05:00') });
});
