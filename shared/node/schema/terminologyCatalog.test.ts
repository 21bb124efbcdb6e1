import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../../common/errors/CrosswalkError';
import { nodeSchemaCatalog } from './nodeSchemaCatalog';

const catalog = nodeSchemaCatalog(resolve(process.cwd(), 'generated/schemas'));
const V2_0001 = 'http://terminology.hl7.org/CodeSystem/v2-0001';

describe('terminology from the FHIR R4 definitions', () => {
  test('administrative-gender expands from its code system', async () => {
    const expansion = await catalog.expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender');
    expect(expansion).toEqual({
      url: 'http://hl7.org/fhir/ValueSet/administrative-gender',
      complete: true,
      concepts: [
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'other', display: 'Other' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'unknown', display: 'Unknown' },
      ],
    });
    expect(await catalog.expandValueSet('administrative-gender')).toEqual(expansion);
  });

  test('the v2 tables are code systems and value sets', async () => {
    const expansion = await catalog.expandValueSet('http://terminology.hl7.org/ValueSet/v2-0001');
    expect(expansion.concepts.map((c) => `${c.code}=${c.display}`)).toEqual(['A=Ambiguous', 'F=Female', 'M=Male', 'N=Not applicable', 'O=Other', 'U=Unknown']);
    expect(expansion.concepts.every((c) => c.system === V2_0001)).toBe(true);
    const codeSystem = await catalog.getCodeSystem(V2_0001);
    expect(codeSystem).toMatchObject({ resourceType: 'CodeSystem', id: 'v2-0001', title: 'v2 SEX', content: 'complete' });
    expect(codeSystem.concept?.[2]).toEqual({ code: 'M', display: 'Male' });
  });

  test('is-a filters walk the code system hierarchy', async () => {
    const expansion = await catalog.expandValueSet('http://hl7.org/fhir/ValueSet/account-type');
    expect(expansion.complete).toBe(true);
    expect(expansion.concepts.map((c) => c.code)).toEqual(['_ActAccountCode', 'ACCTRECEIVABLE', 'CASH', 'CC', 'AE', 'DN', 'DV', 'MC', 'V', 'PBILLACCT']);
  });

  test('a value set over SNOMED CT says it is incomplete rather than empty', async () => {
    const expansion = await catalog.expandValueSet('http://hl7.org/fhir/ValueSet/condition-code');
    expect(expansion.complete).toBe(false);
    expect(expansion.incomplete).toEqual(['code system http://snomed.info/sct is not enumerable here']);
  });

  test('ConceptMap cm-administrative-gender-v2 by id and by url', async () => {
    const map = await catalog.getConceptMap('cm-administrative-gender-v2');
    expect(map).toMatchObject({
      resourceType: 'ConceptMap', url: 'http://hl7.org/fhir/ConceptMap/cm-administrative-gender-v2',
      sourceCanonical: 'http://hl7.org/fhir/ValueSet/administrative-gender', targetCanonical: 'http://terminology.hl7.org/ValueSet/v2-0001',
    });
    expect(map.group?.[0].element.map((e) => `${e.code}->${(e.target ?? []).map((t) => `${t.code}(${t.equivalence})`).join('+')}`))
      .toEqual(['male->M(equal)', 'female->F(equal)', 'other->A(wider)+O(wider)', 'unknown->U(equal)']);
    expect(await catalog.getConceptMap('http://hl7.org/fhir/ConceptMap/cm-administrative-gender-v2')).toEqual(map);
    expect('text' in map).toBe(false);
    // Shared with every caller, so frozen: an edit throws instead of changing the next read.
    expect(() => { (map.group?.[0].element[0] as { code?: string }).code = 'x'; }).toThrow(TypeError);
  });

  test('listing and unknown names', async () => {
    const maps = await catalog.listTerminology('ConceptMap', 'cm- -v2');
    expect(maps.map((m) => m.id).sort()).toEqual(['cm-address-use-v2', 'cm-administrative-gender-v2', 'cm-contact-point-system-v2', 'cm-contact-point-use-v2', 'cm-name-use-v2']);
    for (const [call, code] of [
      [() => catalog.getConceptMap('cm-nope'), 'SCHEMA_UNKNOWN_CONCEPTMAP'],
      [() => catalog.expandValueSet('http://example.org/vs'), 'SCHEMA_UNKNOWN_VALUESET'],
      [() => catalog.getCodeSystem('__proto__'), 'SCHEMA_UNKNOWN_CODESYSTEM'],
    ] as const) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CrosswalkError);
      expect((error as CrosswalkError).code).toBe(code);
    }
    expect(await catalog.getConceptMap('cm-nope').catch((e: CrosswalkError) => e.message)).toBe('No ConceptMap with the url or id cm-nope ships with the FHIR R4 definitions.');
  });
});
