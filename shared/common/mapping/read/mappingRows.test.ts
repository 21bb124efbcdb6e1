import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundleJson } from '../../bundle';
import { parseCsvRows } from '../../valuemaps/csv';
import type { MappingSpec } from '../spec/MappingSpec';
import { mappingRows, type MappingRow } from './mappingRows';
import { ROWS_CSV_COLUMNS, rowsToCsv } from './rowsCsv';
import { specPortEnv } from './specPortEnv';

// The table view's rows on the shipped ADT example (the committed bundle, as the studio opens it).
const spec: MappingSpec = readBundleJson(JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')), 'adt').spec;
const maps = mappingRows(spec, specPortEnv(spec));
const row = (id: string): MappingRow => {
  const found = maps.flatMap((m) => m.rows).find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

describe('mappingRows', () => {
  it('gives one table per map, in the spec order, with what each reads and writes', () => {
    expect(maps.map((m) => m.map)).toEqual(spec.maps.map((m) => m.id));
    expect(maps.slice(0, 3).map(({ map, kind, input, output, targets }) => ({ map, kind, input, output, targets: targets.map((t) => `${t.id}:${t.type}`) }))).toEqual([
      { map: 'ADT_A01', kind: 'message', input: 'ADT_A01', output: 'Bundle', targets: ['patient:Patient', 'encounter:Encounter', ...['bed', 'room', 'floor', 'point-of-care', 'building', 'facility'].map((l) => `location-${l}:Location`), ...['attending-doctor', 'referring-doctor', 'consulting-doctor', 'admitting-doctor', 'other-healthcare-provider'].map((p) => `${p}:Practitioner`), 'observation:Observation', 'allergy:AllergyIntolerance',
        'condition:Condition', 'diagnosing-clinician:Practitioner', 'procedure:Procedure', 'anesthesiologist:Practitioner', 'surgeon:Practitioner', 'procedure-practitioner:Practitioner',
        'related-person:RelatedPerson', 'general-practice:Organization', 'general-practitioner:Practitioner', 'coverage:Coverage', 'payor:Organization'] },
      { map: 'PID[Patient]', kind: 'segment', input: 'PID', output: 'Patient', targets: ['out:Patient'] },
      { map: 'PV1[Encounter]', kind: 'segment', input: 'PV1', output: 'Encounter', targets: ['out:Encounter'] },
    ]);
  });

  it('has one row per link onto a target, and every such link has its row', () => {
    for (const map of spec.maps) {
      const table = maps.find((m) => m.map === map.id);
      expect(table?.rows.map((r) => r.link).sort()).toEqual(map.links.filter((l) => 'target' in l.to).map((l) => l.id).sort());
    }
  });

  it('reads a value map row: source, value map, target, and the edits it allows', () => {
    expect(row('PID[Patient]/l-gender')).toEqual({
      id: 'PID[Patient]/l-gender', map: 'PID[Patient]', link: 'l-gender', kind: 'value', target: 'out', targetPath: 'Patient.gender', depth: 0,
      sources: ['PID-8'],
      steps: [{ node: 'gender', kind: 'valueMap', text: 'v2-0001-gender' }],
      expression: 'v2-0001-gender(PID-8)',
      transforms: '',
      valueMaps: ['v2-0001-gender'], conditions: [], calls: [],
      rule: 'PID-8 → Patient.gender via v2-0001-gender',
      links: ['l-gender-in', 'l-gender'], nodes: ['gender'],
      edits: { target: { link: 'l-gender', path: 'Patient.gender' }, valueMap: { node: 'gender', valueMap: 'v2-0001-gender' } },
    });
  });

  it('reads a chain of functions, a condition and a constant', () => {
    const use = row('PID[Patient]/l-telecom-use');
    expect(use.context).toBe('PID[Patient]/l-each-telecom');
    expect(use.depth).toBe(1);
    expect(use.order).toBe(2);
    expect(use.sources).toEqual(['PID-13.2', 'PID-13.3']);
    expect(use.transforms).toBe("'home'");
    expect(use.conditions).toEqual(["PID-13.2 = null and not (PID-13.3 = 'CP')"]);
    expect(use.rule).toBe("'home' where PID-13.2 = null and not (PID-13.3 = 'CP') → Patient.telecom.use  [order 2]");
    expect(use.edits?.constant).toEqual({ node: expect.any(String), value: 'home' });
    expect(use.edits?.source).toBeUndefined();

    const value = row('CX[Identifier]/l-value');
    expect(value.transforms).toBe('string.trim');
    expect(value.sources).toEqual(['CX.1']);
  });

  it('tells a formula, whose value flows on, from a filter on the way', () => {
    const deceased = row('PID[Patient]/l-deceased-deceasedBoolean');
    expect(deceased.steps.map((st) => [st.kind, st.text])).toEqual([['formula', "(PID-30 = 'Y')"], ['filter', "where PID-29 = null and (PID-30 = 'Y' or PID-30 = 'N')"]]);
    expect([deceased.transforms, deceased.conditions]).toEqual(["(PID-30 = 'Y')", ["PID-29 = null and (PID-30 = 'Y' or PID-30 = 'N')"]]);
  });

  it('reads a direct link as editable at its source', () => {
    const direct = row('OBX[Observation]/l-referenceRange-text');
    expect([direct.rule, direct.steps, direct.edits]).toEqual([
      'OBX-7 → Observation.referenceRange.text',
      [],
      { source: { link: 'l-referenceRange-text', path: 'OBX-7' }, target: { link: 'l-referenceRange-text', path: 'Observation.referenceRange.text' } },
    ]);
  });

  it('nests rows under their context, as `crosswalk show` indents them', () => {
    const message = maps[0].rows.filter((r) => r.target === 'observation');
    expect(message.map((r) => [r.kind, r.depth, r.rule])).toEqual([
      ['context', 0, 'for each OBX → Observation'],
      ['value', 1, 'OBX → Observation via OBX[Observation]'],
      ['value', 1, 'ref(encounter) → Observation.encounter'],
      ['value', 1, 'ref(patient) → Observation.subject'],
    ]);
    expect(message[0].edits).toBeUndefined();
    expect(message[1].context).toBe('ADT_A01/l-each-observation-root');
    expect(message[1].calls).toEqual(['OBX[Observation]']);
  });
});

describe('rowsToCsv', () => {
  const csv = rowsToCsv(maps);
  const parsed = parseCsvRows(csv).map((r) => r.fields);

  it('writes a header and one line per row, CRLF-terminated', () => {
    expect(parsed[0]).toEqual([...ROWS_CSV_COLUMNS]);
    expect(parsed.length - 1).toBe(maps.reduce((n, m) => n + m.rows.length, 0));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes what needs quoting and reads back to the same cells', () => {
    expect(parsed).toContainEqual(['PID[Patient]', 'value', 'Patient.gender', 'PID-8', '', 'v2-0001-gender', '', '', 'PID[Patient]/l-gender']);
    expect(parsed).toContainEqual(['ADT_A01', 'for each', 'Location', 'PV1-3 ; PV1-3.3', '', '', 'PV1-3.3 != null', '', 'ADT_A01/l-each-location-bed-root']);
    const concat = parsed.find((r) => r[8] === 'XTN[ContactPoint]/l-value-2');
    expect(concat?.[4]).toBe('string.surround → string.surround → string.surround → string.concat → logic.coalesce → string.trim');
    expect(csv).toContain('"{""coding"":[{""system"":""http://terminology.hl7.org/CodeSystem/v2-0203"",""code"":""VN""}],""text"":""visit number""}"');
  });
});
