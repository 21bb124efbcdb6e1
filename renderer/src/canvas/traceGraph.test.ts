import { describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import type { TraceItem } from '../preview/previewTypes';
import { mapsCrossed, rowKey, traceGraph, traceHighlight } from './traceGraph';
import { copyNodes, pasteNodes } from '../state/clipboard';

const spec = parseSpec(docsExampleSpec());
const adt = findMap(spec, 'ADT_A01')!;
const pid = findMap(spec, 'PID[Patient]')!;
const cx = findMap(spec, 'CX[Identifier]')!;

describe('traceGraph in one map', () => {
  it('from Patient.gender back through the value map to PID-8', () => {
    const h = traceGraph(pid, { kind: 'target', node: 'out', path: 'Patient.gender' });
    expect([...h.links].sort()).toEqual(['l-gender-in', 'l-gender-out']);
    expect([...h.nodes]).toEqual(['gender']);
    expect(h.rows.has(rowKey('in', 'PID-8'))).toBe(true);
  });

  it('from PID-8 forward to Patient.gender', () => {
    const h = traceGraph(pid, { kind: 'source', node: 'in', path: 'PID-8' });
    expect(h.rows.has(rowKey('out', 'Patient.gender'))).toBe(true);
    expect(h.nodes.has('gender')).toBe(true);
  });

  it('highlights nothing without a focus', () => {
    expect(traceGraph(pid, undefined)).toEqual({ links: new Set(), nodes: new Set(), rows: new Set(), calls: new Set() });
  });
});

// The docs' trace of Identifier.system: written in CX[Identifier], through PID[Patient], from ADT_A01.
const system: TraceItem = {
  outputPath: 'entry[0].resource.identifier[0].system', target: 'patient', targetPath: 'Identifier.system', value: 'urn:oid:2.16.840.1.113883.19',
  link: 'CX[Identifier]/l-system',
  links: ['ADT_A01/l-pid-out', 'ADT_A01/l-pid-in', 'PID[Patient]/l-ids-out', 'PID[Patient]/l-ids-in', 'CX[Identifier]/l-system', 'CX[Identifier]/l-is-oid', 'CX[Identifier]/l-urn-1', 'CX[Identifier]/l-urn-2'],
  nodes: ['ADT_A01/pid', 'PID[Patient]/ids', 'CX[Identifier]/is-oid', 'CX[Identifier]/urn', 'CX[Identifier]/urn-oid'],
  sources: [{ path: 'PID-3[1].4.2', value: '2.16.840.1.113883.19' }], valueMapEntries: [],
};

describe('traceHighlight: a traced value in whichever map is shown', () => {
  it('lights the message map\'s call of PID[Patient] and the rows at its ends', () => {
    const h = traceHighlight(adt, [system]);
    expect([...h.links].sort()).toEqual(['l-pid-in', 'l-pid-out']);
    expect([...h.calls]).toEqual(['pid']);
    expect([...h.rows].sort()).toEqual([rowKey('msg', 'PID'), rowKey('patient', 'Patient')].sort());
  });

  it('lights the data type map\'s own links and nodes, and no call there', () => {
    const h = traceHighlight(cx, [system]);
    expect([...h.nodes].sort()).toEqual(['is-oid', 'urn', 'urn-oid']);
    expect(h.calls.size).toBe(0);
    expect(h.rows.has(rowKey('in', 'CX.4.2'))).toBe(true);
    expect(h.rows.has(rowKey('out', 'Identifier.system'))).toBe(true);
  });

  it('lists the maps it crossed, the one that wrote it last', () => {
    expect(mapsCrossed(system)).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
  });
});

describe('copy and paste of nodes', () => {
  it('copies in one map and pastes in another: fresh ids there, with the links between the copied nodes', () => {
    const copied = copyNodes(spec, cx, new Set(['urn', 'urn-oid']))!;
    expect(copied.nodes.map((n) => n.id).sort()).toEqual(['urn', 'urn-oid']);
    expect(copied.links.map((l) => l.id)).toEqual(['l-urn-1']);
    const { spec: pasted, ids } = pasteNodes(spec, 'PID[Patient]', copied);
    const into = findMap(pasted, 'PID[Patient]')!;
    expect(ids).toEqual(['urn-1', 'urn-oid-1']);
    expect(into.nodes.map((n) => n.id)).toEqual(['ids', 'gender', 'urn-1', 'urn-oid-1']);
    expect(into.links.slice(pid.links.length)).toEqual([{ id: 'l-urn-1', from: { node: 'urn-oid-1', port: 'out' }, to: { node: 'urn-1', port: 'values' } }]);
    expect(findMap(pasted, 'CX[Identifier]')).toBe(cx);
    // The result is still a valid spec (unique ids, links to existing nodes).
    expect(() => parseSpec(pasted)).not.toThrow();
  });
});
