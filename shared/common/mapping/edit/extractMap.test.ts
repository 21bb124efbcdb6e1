import { beforeAll, describe, expect, it } from 'vitest';
import { mapEditFixture, type MapEditFixture } from '../../../node/fixtures/mapEditFixture';
import { errorOf } from '../../errors/errorOf';
import { findMap, type MappingSpec } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';
import type { SchemaRowLookup } from './editPaths';
import { extractMap } from './extractMap';
import { inlineMap } from './inlineMap';

let docs: MappingSpec;
let rows: SchemaRowLookup;
let outputOf: MapEditFixture['outputOf'];
/** The docs' worked example with every call inlined: one flat message map (plus the maps, now unused). */
let flat: MappingSpec;

beforeAll(async () => {
  ({ docs, rows, outputOf } = await mapEditFixture());
  flat = inlineMap(docs, 'ADT_A01', 'pid', rows).spec;
  flat = inlineMap(flat, 'ADT_A01', 'ids', rows).spec;
  flat = inlineMap(flat, 'ADT_A01', 'obx', rows).spec;
});

describe('extractMap, then inlineMap: the mapping does the same on a real message', () => {
  it('the identifier nodes and links inside the PID-3 context become a CX data type map called on PID-3', async () => {
    const expected = await outputOf(docs);
    expect(await outputOf(flat)).toEqual(expected);
    const { spec, mapId, nodeId } = extractMap(flat, 'ADT_A01', { nodes: ['is-oid', 'urn', 'urn-oid'], links: ['l-value', 'l-type'] }, rows);
    expect(mapId).toBe('CX[Identifier-2]');
    expect(findMap(spec, mapId)).toEqual({
      id: 'CX[Identifier-2]', kind: 'datatype',
      sources: [{ id: 'in', schema: { standard: 'hl7v2', version: '2.5.1', datatype: 'CX' } }],
      targets: [{ id: 'out', schema: { standard: 'fhir-r4', type: 'Identifier' } }],
      nodes: [
        { id: 'is-oid', kind: 'condition', expression: "CX.4.3 = 'ISO'" },
        { id: 'urn', kind: 'function', functionId: 'string.concat' },
        { id: 'urn-oid', kind: 'constant', value: 'urn:oid:' },
      ],
      links: [
        { id: 'l-urn-1', from: { node: 'urn-oid', port: 'out' }, to: { node: 'urn', port: 'values' } },
        { id: 'l-is-oid', from: { node: 'urn', port: 'out' }, to: { node: 'is-oid', port: 'in' } },
        { id: 'l-urn-2', order: 1, from: { source: 'in', path: 'CX.4.2' }, to: { node: 'urn', port: 'values' } },
        { id: 'l-system', from: { node: 'is-oid', port: 'out' }, to: { target: 'out', path: 'Identifier.system' } },
        { id: 'l-value', from: { source: 'in', path: 'CX.1' }, to: { target: 'out', path: 'Identifier.value' } },
        { id: 'l-type', from: { source: 'in', path: 'CX.5' }, to: { target: 'out', path: 'Identifier.type.coding.code' } },
      ],
    });
    const adt = findMap(spec, 'ADT_A01')!;
    expect(adt.nodes.find((n) => n.id === nodeId)).toEqual({ id: 'cx-identifier-2-1', kind: 'call', map: 'CX[Identifier-2]' });
    // Inside the context over PID-3 the call is given the current repetition.
    expect(adt.links.filter((l) => 'node' in l.to && l.to.node === nodeId || 'node' in l.from && l.from.node === nodeId)).toEqual([
      { id: 'l-cx-identifier-2-1-in-1', from: { source: 'msg', path: 'PID-3' }, to: { node: nodeId, port: 'in' } },
      { id: 'l-cx-identifier-2-1-out-1', from: { node: nodeId, port: 'out' }, to: { target: 'patient', path: 'Patient.identifier' } },
    ]);
    expect(await outputOf(spec)).toEqual(expected);
    const back = inlineMap(spec, 'ADT_A01', nodeId, rows).spec;
    expect(await outputOf(back)).toEqual(expected);
  });

  it('nodes reading several fields of the OBX the context iterates become a segment map writing the Observation', async () => {
    const expected = await outputOf(docs);
    const { spec, mapId, nodeId } = extractMap(flat, 'ADT_A01', { nodes: ['status', 'is-text'] }, rows);
    expect(mapId).toBe('OBX[Observation-2]');
    const made = findMap(spec, mapId)!;
    expect(made.kind).toBe('segment');
    expect(made.targets).toEqual([{ id: 'out', schema: { standard: 'fhir-r4', resource: 'Observation' } }]);
    expect(made.links.map((l) => [l.from, l.to])).toEqual([
      [{ source: 'in', path: 'OBX-11' }, { node: 'status', port: 'in' }],
      [{ source: 'in', path: 'OBX-5' }, { node: 'is-text', port: 'in' }],
      [{ node: 'status', port: 'code' }, { target: 'out', path: 'Observation.status' }],
      [{ node: 'is-text', port: 'out' }, { target: 'out', path: 'Observation.value[x]:valueString' }],
    ]);
    expect(findMap(spec, 'ADT_A01')!.links.find((l) => 'node' in l.to && l.to.node === nodeId)?.from).toEqual({ source: 'msg', path: 'OBX' });
    expect(await outputOf(spec)).toEqual(expected);
    expect(await outputOf(inlineMap(spec, 'ADT_A01', nodeId, rows).spec)).toEqual(expected);
  });

  it('a value map reading a field outside any context becomes a data type map of that field, called on it', async () => {
    const expected = await outputOf(docs);
    const { spec, mapId, nodeId } = extractMap(flat, 'ADT_A01', { nodes: ['gender'] }, rows);
    // PID-8 is an IS, written to Patient.gender, a code (a primitive on the resource itself stays one).
    expect(mapId).toBe('IS[code]');
    expect(findMap(spec, mapId)!.links.map((l) => [l.from, l.to])).toEqual([
      [{ source: 'in', path: 'IS' }, { node: 'gender', port: 'in' }],
      [{ node: 'gender', port: 'code' }, { target: 'out', path: 'code' }],
    ]);
    expect(findMap(spec, 'ADT_A01')!.links.find((l) => 'node' in l.to && l.to.node === nodeId)?.from).toEqual({ source: 'msg', path: 'PID-8' });
    expect(await outputOf(spec)).toEqual(expected);
    expect(await outputOf(inlineMap(spec, 'ADT_A01', nodeId, rows).spec)).toEqual(expected);
  });

  it('a read of the first repetition outside any context is given as the first repetition, not every one', async () => {
    const adt = findMap(docs, 'ADT_A01')!;
    const first = parseSpec({
      ...docs,
      maps: [{
        ...adt,
        nodes: [{ id: 'trim', kind: 'function', functionId: 'string.trim' }],
        links: [
          { id: 'l-trim-in', from: { source: 'msg', path: 'PID-3.1' }, to: { node: 'trim', port: 'value' } },
          { id: 'l-trim-out', from: { node: 'trim', port: 'out' }, to: { target: 'patient', path: 'Patient.identifier.value' } },
        ],
      }],
      layout: undefined,
    });
    const expected = await outputOf(first);
    const { spec, mapId, nodeId } = extractMap(first, 'ADT_A01', { nodes: ['trim'] }, rows);
    expect(mapId).toBe('CX[Identifier]');
    expect(findMap(spec, 'ADT_A01')!.links.find((l) => 'node' in l.to && l.to.node === nodeId)?.from).toEqual({ source: 'msg', path: 'PID-3[1]' });
    expect(await outputOf(spec)).toEqual(expected);
    expect(await outputOf(inlineMap(spec, 'ADT_A01', nodeId, rows).spec)).toEqual(expected);
  });

  it('places the call where the selection was and leaves the new map to be laid out when opened', () => {
    const placed: MappingSpec = { ...flat, layout: { maps: { ADT_A01: { nodes: [{ id: 'status', x: 100, y: 100 }, { id: 'is-text', x: 300, y: 200 }] } } } };
    const { spec, mapId, nodeId } = extractMap(placed, 'ADT_A01', { nodes: ['status', 'is-text'] }, rows);
    expect(spec.layout?.maps.ADT_A01.nodes).toEqual([{ id: nodeId, x: 200, y: 150 }]);
    expect(spec.layout?.maps[mapId]).toBeUndefined();
  });
});

describe('extractMap refuses, saying why', () => {
  it('a selection that reads two segments', () => {
    const both = parseSpec({ ...flat, maps: flat.maps.map((m) => (m.id === 'ADT_A01' ? { ...m, links: [...m.links, { id: 'l-x', from: { source: 'msg', path: 'OBX-3.1' }, to: { node: 'gender', port: 'in' } }].filter((l) => l.id !== 'l-gender-in') } : m)) });
    const two = parseSpec({ ...both, maps: both.maps.map((m) => (m.id === 'ADT_A01' ? { ...m, nodes: [...m.nodes, { id: 'pid-cond', kind: 'condition', expression: "PID-8 = 'F'" }], links: [...m.links, { id: 'l-pc', from: { node: 'pid-cond', port: 'out' }, to: { target: 'patient', path: 'Patient.active' } }] } : m)) });
    expect(errorOf(() => extractMap(two, 'ADT_A01', { nodes: ['gender', 'pid-cond'] }, rows))).toMatchObject({
      code: 'EDIT_CANNOT_EXTRACT', message: 'The selection reads OBX and PID; a map reads one segment, so select the nodes that read one of them.',
    });
  });

  it('a selection fed by a node outside it', () => {
    expect(errorOf(() => extractMap(flat, 'ADT_A01', { nodes: ['is-oid'] }, rows))).toMatchObject({
      code: 'EDIT_CANNOT_EXTRACT', message: 'Node "urn" feeds the selection from outside it; select it too, or leave it out of the map.',
    });
  });

  it('a selection that writes two targets, and an empty one', () => {
    expect(errorOf(() => extractMap(flat, 'ADT_A01', { nodes: ['gender', 'status'] }, rows))).toMatchObject({
      code: 'EDIT_CANNOT_EXTRACT', message: 'The selection writes to patient and obs; a map has one output, so select what writes one of them.',
    });
    expect(errorOf(() => extractMap(flat, 'ADT_A01', { nodes: [] }, rows))).toMatchObject({ code: 'EDIT_CANNOT_EXTRACT', message: 'Select the nodes to extract into a map first.' });
  });
});
