import { describe, expect, test } from 'vitest';
import { expandValueSetResource, type CodeSystemResource, type ExpansionSources, type ValueSetResource } from './terminology';

// A small hierarchy shaped like v3 ActCode, to pin the filter semantics exactly.
const system = 'urn:test:acts';
const acts: CodeSystemResource = {
  resourceType: 'CodeSystem', url: system, id: 'acts', content: 'complete',
  concept: [
    { code: '_Account', display: 'Account', concept: [{ code: 'CASH', display: 'Cash' }, { code: 'CC', display: 'Card', concept: [{ code: 'V', display: 'Visa' }] }] },
    { code: 'OTHER', display: 'Other' },
  ],
};
const valueSets: Record<string, ValueSetResource> = {};
const sources: ExpansionSources = {
  codeSystem: async (url) => (url === system ? acts : undefined),
  valueSet: async (url) => valueSets[url],
};
const vs = (url: string, compose: ValueSetResource['compose']): ValueSetResource => ({ resourceType: 'ValueSet', url, id: url, compose });
const codes = async (set: ValueSetResource) => (await expandValueSetResource(set, sources)).concepts.map((c) => c.code);

describe('value set expansion', () => {
  test.each([
    ['is-a', ['_Account', 'CASH', 'CC', 'V']],
    ['descendent-of', ['CASH', 'CC', 'V']],
    ['is-not-a', ['OTHER']],
  ])('%s _Account', async (op, expected) => {
    expect(await codes(vs('urn:vs:f', { include: [{ system, filter: [{ property: 'concept', op, value: '_Account' }] }] }))).toEqual(expected);
  });

  test('enumerated concepts take displays from the code system; excludes remove', async () => {
    const set = vs('urn:vs:e', { include: [{ system, concept: [{ code: 'V' }, { code: 'CASH', display: 'Money' }] }, { system }], exclude: [{ system, concept: [{ code: 'OTHER' }] }] });
    const expansion = await expandValueSetResource(set, sources);
    expect(expansion.concepts).toEqual([
      { system, code: 'V', display: 'Visa' }, { system, code: 'CASH', display: 'Money' },
      { system, code: '_Account', display: 'Account' }, { system, code: 'CC', display: 'Card' },
    ]);
    expect(expansion.complete).toBe(true);
  });

  test('imports of other value sets, and a cycle reported rather than followed', async () => {
    valueSets['urn:vs:a'] = vs('urn:vs:a', { include: [{ system, concept: [{ code: 'OTHER' }] }, { valueSet: ['urn:vs:b'] }] });
    valueSets['urn:vs:b'] = vs('urn:vs:b', { include: [{ valueSet: ['urn:vs:a'] }, { system, concept: [{ code: 'CC' }] }] });
    const expansion = await expandValueSetResource(valueSets['urn:vs:a'], sources);
    expect(expansion.concepts.map((c) => c.code)).toEqual(['OTHER', 'CC']);
    expect(expansion.complete).toBe(false);
    expect(expansion.incomplete).toEqual(['value set urn:vs:a is included in itself']);
  });

  test('unknown systems and filters are reported as incomplete', async () => {
    const expansion = await expandValueSetResource(vs('urn:vs:u', {
      include: [{ system: 'http://loinc.org' }, { system, filter: [{ property: 'status', op: '=', value: 'active' }] }],
    }), sources);
    expect(expansion).toEqual({
      url: 'urn:vs:u', concepts: [], complete: false,
      incomplete: ['code system http://loinc.org is not enumerable here', `filter status = active on ${system}`],
    });
  });
});
