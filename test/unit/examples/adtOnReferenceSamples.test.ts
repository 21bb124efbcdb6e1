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
  // PV1's five come first; the DG1, PR1 and PD1 people follow.
  const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').slice(0, 5);
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

/** The sample's Bundle, validated, with each reference inside it written as the resource type and the target's first identifier value (or its name). */
function mapReadably(text: string): { bundle: TransactionBundle; of: (type: string) => unknown[] } {
  const bundle = JSON.parse(JSON.stringify(executeMapping(plan, parseHl7(text)).bundle)) as TransactionBundle;
  expect(validator.validate(bundle)).toEqual([]);
  const names = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType} ${String(get(e.resource, 'identifier', 0, 'value') ?? get(e.resource, 'name'))}`]));
  const readable = (resource: unknown): unknown => JSON.parse(JSON.stringify(resource, (key, value: unknown) => (key === 'id' ? undefined : typeof value === 'string' && names.has(value) ? names.get(value) : value)));
  return { bundle, of: (type) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => readable(e.resource)) };
}

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

test('NK1, DG1, PR1, PD1 and IN1 of fhirconverter_ADT-A01-01.hl7: a RelatedPerson and Patient.contact, a Condition, a Procedure, the general practitioners, a Coverage and its payor', () => {
  const { bundle, of } = mapReadably(read('fhirconverter_ADT-A01-01.hl7'));
  const patient = of('Patient')[0] as Record<string, unknown>;
  // NK1 → Patient.contact: its one name and address, both relationships (NK1-3, NK1-7), NK1-5 then NK1-6 (use work).
  const telecom = [
    { system: 'email', value: '5555', use: 'work', rank: 18, period: { start: '2001-01-10', end: '2002-01-10' } },
    { system: 'phone', value: '121111', use: 'home' },
    { system: 'phone', value: '878777', use: 'work', rank: 18, period: { start: '2001-01-10', end: '2002-01-10' } },
    { system: 'pager', value: '6666666', use: 'work' },
  ];
  const name = { use: 'usual', family: 'Evan', given: ['ADAM', 'A'], prefix: ['Dr.'], suffix: ['III', 'MD'] };
  const home = { use: 'billing', line: ['2222', 'HOME', 'STREET', 'Highway'], city: 'GREENSBORO', district: 'jkdha', state: 'NC', postalCode: '27401-1020', country: 'US', period: { start: '2000-01-10', end: '2005-01-11' } };
  const relationship = [{ coding: [{ code: 'EMC', display: 'test', version: '9.0' }, { code: 'CHD', version: '10.0' }] }, { coding: [{ code: 'O' }] }];
  const person = { name, relationship, telecom, period: { start: '2021-08-18', end: '2021-12-18' }, gender: 'female' };
  expect(patient.contact).toEqual([{ ...person, address: home }]);
  // PD1-3 (the primary facility) then PD1-4 (the primary care provider).
  expect(patient.generalPractitioner).toEqual([{ reference: 'Organization SIISCLIENT818' }, { reference: 'Practitioner 88' }]);
  expect(of('Organization')[0]).toEqual({ resourceType: 'Organization', name: 'LINDAS TEST ORGANIZATION', identifier: [{ value: 'SIISCLIENT818' }] });
  // NK1 (EMC, a person) → RelatedPerson: every name and address, identifiers NK1-12 and NK1-33, birth date, language.
  expect(of('RelatedPerson')).toEqual([{
    resourceType: 'RelatedPerson', ...person, name: [name], patient: { reference: 'Patient PATID1234' },
    address: [home, { line: ['111', 'Duck ST'], city: 'Fowl' }],
    identifier: [
      { value: '12345567', type: { coding: [{ system: V2, code: 'MR' }] }, assigner: { display: 'T1' }, period: { start: '1924-10-11', end: '1924-10-12' }, extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '4' },
        { url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: 'M11' },
      ] },
      { value: 'I-123', type: { coding: [{ system: V2, code: 'BA' }] } },
      { value: 'I-222', type: { coding: [{ system: V2, code: 'DI' }] } },
    ],
    birthDate: '1962-01-10', communication: [{ language: { coding: [{ code: 'ara' }] } }],
  }]);
  // DG1 → Condition, asserted by DG1-16; the Encounter's diagnosis with its rank DG1-15.
  expect(of('Condition')).toEqual([{
    resourceType: 'Condition', subject: { reference: 'Patient PATID1234' }, asserter: { reference: 'Practitioner 005454' },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '422504002', display: 'Ischemic stroke(disorder)' }], text: 'Stroke' },
    onsetDateTime: '2004-01-25T11:40:25+04:20', recordedDate: '2020-05-01T13:30:15+02:15',
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate', valueDateTime: '2020-05-01T13:30:15+02:15' }],
    identifier: [{ value: 'DI20', assigner: { display: 'Diagnosis' } }],
  }]);
  expect(of('Encounter')[0]).toMatchObject({ diagnosis: [{ condition: { reference: 'Condition DI20' }, rank: 1 }] });
  // PR1 → Procedure: its anesthesiologist, surgeon and other practitioner as performers.
  expect(of('Procedure')).toEqual([{
    resourceType: 'Procedure', status: 'unknown', subject: { reference: 'Patient PATID1234' },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '76164006', display: 'Biopsy of colon (procedure)' }], text: 'Biopsy of colon, which was part of colonoscopy' },
    performedDateTime: '2005-01-25T11:40:00+01:00',
    category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0230', code: 'D', display: 'Diagnostic Procedure' }] },
    performer: [
      { function: { coding: [{ system: 'http://snomed.info/sct', code: '88189002' }] }, actor: { reference: 'Practitioner 1210' } },
      { function: { coding: [{ system: 'http://snomed.info/sct', code: '304292004' }] }, actor: { reference: 'Practitioner 121188' } },
      { actor: { reference: 'Practitioner 12345689' } },
    ],
    reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '799008', display: 'Sigmoid colon ulcer' }] }],
    identifier: [{ value: 'PR1006' }],
  }]);
  // IN1 → Coverage; IN1-17 SPO (spouse): the patient is not the subscriber. The payor from IN1-4, -5 and -3.
  expect(of('Coverage')).toEqual([{
    resourceType: 'Coverage', status: 'active', identifier: [{ value: 'BAV' }], beneficiary: { reference: 'Patient PATID1234' },
    payor: [{ reference: 'Organization IC-1.31' }], period: { start: '1989-10-01', end: '2050-10-01' },
    type: { coding: [{ code: 'HMO', display: 'health maintenance organization policy' }] }, relationship: { coding: [{ code: 'SPO', display: 'Spouse' }] },
  }]);
  expect(of('Organization')[1]).toEqual({
    resourceType: 'Organization', name: 'Blue Cross Blue Shield of Texas',
    address: [{ line: ['1979 MILKY WAY'], city: 'VERONA', state: 'WI', postalCode: '53593', country: 'US' }],
    identifier: [{ value: 'IC-1.31', system: 'urn:oid:2.16.840.1.113883.1.1', type: { coding: [{ system: V2, code: 'NIIP' }] }, period: { start: '1929-10-11', end: '1929-10-12' }, extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '24' },
      { url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: 'BCV' },
    ] }],
  });
  expect(bundle.entry.map((e) => e.resource.resourceType).filter((t) => t === 'Practitioner')).toHaveLength(10);
});

test('fhirconverter_ADT01-23.hl7: three INSURANCE groups are three Coverages, each with its own insurer; the NK1 a contact and a RelatedPerson', () => {
  const { bundle, of } = mapReadably(read('fhirconverter_ADT01-23.hl7'));
  expect(of('Coverage').map((c) => [get(c, 'identifier', 0, 'value'), get(c, 'payor', 0, 'reference'), get(c, 'type', 'coding', 0, 'code'), get(c, 'period')])).toEqual([
    ['MEDICARE', 'Organization 3', '4', { start: '1989-10-01' }],
    ['NON-PRIMARY', 'Organization 9', '7', undefined],
    ['SELF PAY', 'Organization 1', '5', undefined],
  ]);
  expect(of('Organization')).toEqual([
    { resourceType: 'Organization', name: 'MEDICARE', identifier: [{ value: '3' }] },
    { resourceType: 'Organization', name: 'MEDICAL MUTUAL CALIF.', identifier: [{ value: '9' }], address: [{ line: ['PO BOX 94776'], city: 'HOLLYWOOD', state: 'CA', postalCode: '441414776' }] },
    { resourceType: 'Organization', name: 'SELF PAY', identifier: [{ value: '1' }] },
  ]);
  // No DG1-20 and no NK1 identifier: the Condition and the RelatedPerson are written by their ids.
  expect(bundle.entry.filter((e) => ['Condition', 'RelatedPerson', 'Coverage'].includes(e.resource.resourceType)).map((e) => e.request.url)).toEqual(
    bundle.entry.filter((e) => ['Condition', 'RelatedPerson', 'Coverage'].includes(e.resource.resourceType)).map((e) => `${e.resource.resourceType}/${e.fullUrl.slice('urn:uuid:'.length)}`),
  );
  expect(of('Condition')).toEqual([{
    resourceType: 'Condition', subject: { reference: 'Patient 10006579' },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-9-cm', code: '71596', display: 'OSTEOARTHROS NOS-L/LEG ' }], text: 'OSTEOARTHROS NOS-L/LEG ' },
  }]);
  const person = { name: { family: 'DUCK', given: ['HUEY'] }, relationship: [{ coding: [{ code: 'SO' }] }, { coding: [{ code: 'Y' }] }], telecom: [{ system: 'phone', value: '8885552222' }] };
  const address = { line: ['3583 DUCK RD'], city: 'FOWL', state: 'CA', postalCode: '999990000' };
  expect((of('Patient')[0] as Record<string, unknown>).contact).toEqual([{ ...person, address }]);
  expect(of('RelatedPerson')).toEqual([{ resourceType: 'RelatedPerson', patient: { reference: 'Patient 10006579' }, ...person, name: [person.name], address: [address] }]);
});

test('an NK1 that is an organization (NK1-3 EMR, employer) is a contact of the Patient but no RelatedPerson (fhirconverter_ADT01-23.hl7 with NK1-3 EMR)', () => {
  const { of } = mapReadably(read('fhirconverter_ADT01-23.hl7').replace('NK1|1|DUCK^HUEY|SO|', 'NK1|1|DUCK^HUEY|EMR|'));
  expect(get(of('Patient')[0], 'contact', 0, 'relationship', 0)).toEqual({ coding: [{ code: 'EMR' }] });
  expect(of('RelatedPerson')).toEqual([]);
});

test('IN1-17 SEL: the patient is the subscriber (fhirconverter_ADT01-23.hl7 with the first IN1-17 SEL); a deleted diagnosis (DG1-21 D) is entered-in-error', () => {
  const text = read('fhirconverter_ADT01-23.hl7').replace('|4|DUCK^DONALD^D|1|', '|4|DUCK^DONALD^D|SEL|').replace('|OSTEOARTHROS NOS-L/LEG ||A|', '|OSTEOARTHROS NOS-L/LEG ||A|||||||||||||||D|');
  const { of } = mapReadably(text);
  expect(of('Coverage').map((c) => get(c, 'subscriber'))).toEqual([{ reference: 'Patient 10006579' }, undefined, undefined]);
  expect(get(of('Condition')[0], 'verificationStatus')).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] });
});

test('a PROCEDURE group without its PR1 (fhirconverter_ADT-A01-01.hl7 with the PR1 removed, its ROL kept) gives no Procedure and no performer', () => {
  const text = read('fhirconverter_ADT-A01-01.hl7').replace(/\r\n?|\n/g, '\r').split('\r').filter((segment) => !segment.startsWith('PR1|')).join('\r');
  const { bundle, of } = mapReadably(text);
  expect(of('Procedure')).toEqual([]);
  expect(bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner')).toHaveLength(7);
  const message = parseHl7(text);
  expect(bundle).toEqual(adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: 'Z' }));
});
