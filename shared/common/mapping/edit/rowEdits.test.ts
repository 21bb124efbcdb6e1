import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundleJson } from '../../bundle';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { mappingRows } from '../read/mappingRows';
import { specPortEnv } from '../read/specPortEnv';
import { findMap, type MappingSpec } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';
import { applyRowEdit, type RowEdit } from './rowEdits';

const spec: MappingSpec = readBundleJson(JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')), 'adt').spec;
const rule = (s: MappingSpec, id: string): string | undefined => mappingRows(s, specPortEnv(s)).flatMap((m) => m.rows).find((r) => r.id === id)?.rule;

function refused(edit: RowEdit): { code: string; message: string; where: unknown } {
  try {
    applyRowEdit(spec, edit);
  } catch (error) {
    if (error instanceof CrosswalkError) return { code: error.code, message: error.message, where: error.where };
    throw error;
  }
  throw new Error('the edit was applied');
}

describe('applyRowEdit', () => {
  it('changes the source path of a direct link, and nothing else', () => {
    const next = applyRowEdit(spec, { kind: 'source', map: 'OBX[Observation]', link: 'l-referenceRange-text', path: 'OBX-7.1' });
    expect(rule(next, 'OBX[Observation]/l-referenceRange-text')).toBe('OBX-7.1 → Observation.referenceRange.text');
    expect(next.maps.filter((m) => m.id !== 'OBX[Observation]')).toEqual(spec.maps.filter((m) => m.id !== 'OBX[Observation]'));
    expect(spec).toEqual(readBundleJson(JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')), 'adt').spec);
    // Still a spec the format accepts.
    expect(parseSpec(JSON.parse(JSON.stringify(next)), 'mapping').maps.length).toBe(spec.maps.length);
  });

  it('changes the target path of a row', () => {
    const next = applyRowEdit(spec, { kind: 'target', map: 'PID[Patient]', link: 'l-gender', path: 'Patient.extension.value[x]:valueCode' });
    expect(rule(next, 'PID[Patient]/l-gender')).toBe('PID-8 → Patient.extension.value[x]:valueCode via v2-0001-gender');
  });

  it('changes the value map a row uses', () => {
    const next = applyRowEdit(spec, { kind: 'valueMap', map: 'PID[Patient]', node: 'gender', valueMap: 'v2-0085-observation-status' });
    expect(rule(next, 'PID[Patient]/l-gender')).toBe('PID-8 → Patient.gender via v2-0085-observation-status');
    expect(findMap(next, 'PID[Patient]')?.nodes.find((n) => n.id === 'gender')).toEqual({ id: 'gender', kind: 'valueMap', valueMapId: 'v2-0085-observation-status' });
  });

  it('changes a constant, for every row that reads it', () => {
    const row = mappingRows(spec, specPortEnv(spec)).flatMap((m) => m.rows).find((r) => r.id === 'PID[Patient]/l-telecom-use');
    const node = row?.edits?.constant?.node as string;
    const next = applyRowEdit(spec, { kind: 'constant', map: 'PID[Patient]', node, value: 'temp' });
    expect(rule(next, 'PID[Patient]/l-telecom-use')).toBe("'temp' where PID-13.2 = null and not (PID-13.3 = 'CP') → Patient.telecom.use  [order 2]");
    const coding = { coding: [{ system: 'http://example.org', code: 'x' }] };
    expect(findMap(applyRowEdit(spec, { kind: 'constant', map: 'PID[Patient]', node, value: coding }), 'PID[Patient]')?.nodes.find((n) => n.id === node)).toMatchObject({ value: coding });
  });

  it('returns the same spec when nothing changes', () => {
    expect(applyRowEdit(spec, { kind: 'source', map: 'OBX[Observation]', link: 'l-referenceRange-text', path: 'OBX-7' })).toBe(spec);
    expect(applyRowEdit(spec, { kind: 'valueMap', map: 'PID[Patient]', node: 'gender', valueMap: 'v2-0001-gender' })).toBe(spec);
  });

  it.each<[RowEdit, { code: string; message: string; where: unknown }]>([
    [{ kind: 'source', map: 'NOPE', link: 'l', path: 'PID-8' }, { code: 'EDIT_UNKNOWN_MAP', message: 'The mapping has no map "NOPE".', where: { map: 'NOPE' } }],
    [{ kind: 'source', map: 'PID[Patient]', link: 'l-missing', path: 'PID-8' }, { code: 'EDIT_UNKNOWN_LINK', message: 'Map PID[Patient] has no link "l-missing".', where: { map: 'PID[Patient]', link: 'l-missing' } }],
    [{ kind: 'source', map: 'PID[Patient]', link: 'l-gender', path: 'PID-8' }, { code: 'EDIT_NOT_A_SOURCE_LINK', message: 'Link "l-gender" of map PID[Patient] starts at a node, not at a source field; change it on the canvas.', where: { map: 'PID[Patient]', link: 'l-gender' } }],
    [{ kind: 'target', map: 'PID[Patient]', link: 'l-gender-in', path: 'Patient.gender' }, { code: 'EDIT_NOT_A_TARGET_LINK', message: 'Link "l-gender-in" of map PID[Patient] ends at a node, not at a target element.', where: { map: 'PID[Patient]', link: 'l-gender-in' } }],
    [{ kind: 'source', map: 'OBX[Observation]', link: 'l-referenceRange-text', path: '' }, { code: 'EDIT_BAD_PATH', message: 'The new path of link "l-referenceRange-text" of map OBX[Observation] is empty or too long.', where: { map: 'OBX[Observation]', link: 'l-referenceRange-text' } }],
    [{ kind: 'valueMap', map: 'PID[Patient]', node: 'gender', valueMap: 'no-such-map' }, { code: 'EDIT_UNKNOWN_VALUE_MAP', message: 'The mapping has no value map "no-such-map" for node "gender" of map PID[Patient] to use.', where: { map: 'PID[Patient]', node: 'gender' } }],
    [{ kind: 'constant', map: 'PID[Patient]', node: 'gender', value: 'x' }, { code: 'EDIT_WRONG_NODE_KIND', message: 'Node "gender" of map PID[Patient] is a valueMap node, not a constant.', where: { map: 'PID[Patient]', node: 'gender' } }],
    [{ kind: 'valueMap', map: 'PID[Patient]', node: 'ghost', valueMap: 'v2-0001-gender' }, { code: 'EDIT_UNKNOWN_NODE', message: 'Map PID[Patient] has no node "ghost".', where: { map: 'PID[Patient]', node: 'ghost' } }],
  ])('refuses %j', (edit, expected) => {
    expect(refused(edit)).toEqual(expected);
  });

  it('refuses a constant that is not JSON, or that holds a forbidden key', () => {
    const node = findMap(spec, 'PV1[Encounter]')?.nodes.find((n) => n.kind === 'constant')?.id as string;
    expect(refused({ kind: 'constant', map: 'PV1[Encounter]', node, value: Number.NaN }).code).toBe('EDIT_BAD_CONSTANT');
    expect(refused({ kind: 'constant', map: 'PV1[Encounter]', node, value: JSON.parse('{"__proto__":{"x":1}}') }).code).toBe('EDIT_BAD_CONSTANT');
  });
});
