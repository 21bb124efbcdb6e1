import { beforeAll, describe, expect, it } from 'vitest';
import { mapEditFixture, type MapEditFixture } from '../../../node/fixtures/mapEditFixture';
import { errorOf } from '../../errors/errorOf';
import { findMap, type MappingSpec } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';
import type { SchemaRowLookup } from './editPaths';
import { inlineMap } from './inlineMap';

let docs: MappingSpec;
let rows: SchemaRowLookup;
let outputOf: MapEditFixture['outputOf'];

beforeAll(async () => {
  ({ docs, rows, outputOf } = await mapEditFixture());
});

describe('inlineMap', () => {
  it('inlines a segment map into the message map: its paths read the segment, its target paths land under the call\'s output', async () => {
    const { spec, nodeIds } = inlineMap(docs, 'ADT_A01', 'pid', rows);
    const adt = findMap(spec, 'ADT_A01')!;
    expect(nodeIds.sort()).toEqual(['gender', 'ids']);
    expect(adt.nodes.find((n) => n.id === 'pid')).toBeUndefined();
    expect(adt.links.find((l) => l.id === 'l-family')).toEqual({ id: 'l-family', from: { source: 'msg', path: 'PID-5.1' }, to: { target: 'patient', path: 'Patient.name.family' } });
    expect(adt.links.find((l) => l.id === 'l-ids-out')).toEqual({ id: 'l-ids-out', from: { node: 'ids', port: 'out' }, to: { target: 'patient', path: 'Patient.identifier' } });
    expect(adt.links.some((l) => l.id === 'l-pid-in' || l.id === 'l-pid-out')).toBe(false);
    expect(await outputOf(spec)).toEqual(await outputOf(docs));
  });

  it('inlines a data type map called on a repeating field as a context over it, its `when` a filter on that context', async () => {
    const once = inlineMap(docs, 'ADT_A01', 'pid', rows).spec;
    const { spec } = inlineMap(once, 'ADT_A01', 'ids', rows);
    const adt = findMap(spec, 'ADT_A01')!;
    expect(adt.nodes.find((n) => n.id === 'ids-when')).toEqual({ id: 'ids-when', kind: 'condition', expression: 'PID-3.1 != null' });
    expect(adt.nodes.find((n) => n.id === 'is-oid')).toEqual({ id: 'is-oid', kind: 'condition', expression: "PID-3.4.3 = 'ISO'" });
    expect(adt.links.find((l) => l.kind === 'context' && 'target' in l.to && l.to.path === 'Patient.identifier')).toMatchObject({
      from: { node: 'ids-when', port: 'out' }, to: { target: 'patient', path: 'Patient.identifier' },
    });
    expect(adt.links.find((l) => l.id === 'l-value')).toEqual({ id: 'l-value', from: { source: 'msg', path: 'PID-3.1' }, to: { target: 'patient', path: 'Patient.identifier.value' } });
    const output = await outputOf(spec);
    expect(output).toEqual(await outputOf(docs));
    expect((output as { entry: { resource: { identifier?: unknown[] } }[] }).entry[0].resource.identifier).toHaveLength(2);
  });

  it('inlines a data type map into the segment map that calls it, in that map\'s terms', async () => {
    const { spec } = inlineMap(docs, 'PID[Patient]', 'ids', rows);
    const pid = findMap(spec, 'PID[Patient]')!;
    expect(pid.links.find((l) => l.id === 'l-urn-2')).toEqual({ id: 'l-urn-2', order: 1, from: { source: 'in', path: 'PID-3.4.2' }, to: { node: 'urn', port: 'values' } });
    expect(await outputOf(spec)).toEqual(await outputOf(docs));
  });

  it('keeps the called map, and places the inlined nodes where the call was', () => {
    const withLayout: MappingSpec = { ...docs, layout: { maps: { ADT_A01: { nodes: [{ id: 'pid', x: 500, y: 300 }] }, 'PID[Patient]': { nodes: [{ id: 'ids', x: 10, y: 20 }, { id: 'gender', x: 10, y: 220 }] } } } };
    const { spec } = inlineMap(withLayout, 'ADT_A01', 'pid', rows);
    expect(findMap(spec, 'PID[Patient]')).toBeDefined();
    expect(spec.layout?.maps.ADT_A01.nodes).toEqual([{ id: 'ids', x: 500, y: 300 }, { id: 'gender', x: 500, y: 500 }]);
  });

  it('refuses a node that is not a map call, and a call whose output cannot take the repeated items', () => {
    expect(errorOf(() => inlineMap(docs, 'ADT_A01', 'patient-ref', rows))).toMatchObject({ code: 'EDIT_CANNOT_INLINE', message: 'Map ADT_A01 has no map call "patient-ref".' });
    // OBX repeats and nothing iterates it here: one Observation per OBX cannot be written flat onto one resource.
    const unbound = parseSpec({ ...docs, maps: docs.maps.map((m) => (m.id === 'ADT_A01' ? { ...m, links: m.links.filter((l) => l.id !== 'l-each-obx') } : m)) });
    expect(errorOf(() => inlineMap(unbound, 'ADT_A01', 'obx', rows))).toMatchObject({
      code: 'EDIT_CANNOT_INLINE',
      message: 'OBX can repeat and "obx" makes one Observation per item, which Observation cannot hold without the map; put the call inside a context over OBX first.',
    });
  });

  it('inlines a segment map called inside a context over its segment without a context of its own', async () => {
    const { spec } = inlineMap(docs, 'ADT_A01', 'obx', rows);
    const adt = findMap(spec, 'ADT_A01')!;
    expect(adt.links.filter((l) => l.kind === 'context').map((l) => l.id)).toEqual(['l-each-obx']);
    expect(adt.links.find((l) => l.id === 'l-code')).toEqual({ id: 'l-code', from: { source: 'msg', path: 'OBX-3.1' }, to: { target: 'obs', path: 'Observation.code.coding.code' } });
    expect(await outputOf(spec)).toEqual(await outputOf(docs));
  });
});
