import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import { rowKey, traceGraph } from './traceGraph';
import { copyNodes, pasteNodes } from '../state/clipboard';

const spec = parseSpec((JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')) as { mapping: unknown }).mapping);

describe('traceGraph on the ADT^A01 example', () => {
  it('from Patient.gender back through the value map to PID-8', () => {
    const h = traceGraph(spec, { kind: 'target', node: 'patient', path: 'Patient.gender' });
    expect([...h.links].sort()).toEqual(['l-gender-in', 'l-patient-gender']);
    expect([...h.nodes]).toEqual(['gender']);
    expect(h.rows.has(rowKey('msg', 'PID-8'))).toBe(true);
  });

  it('from PID-8 forward to Patient.gender', () => {
    const h = traceGraph(spec, { kind: 'source', node: 'msg', path: 'PID-8' });
    expect(h.rows.has(rowKey('patient', 'Patient.gender'))).toBe(true);
    expect(h.nodes.has('gender')).toBe(true);
  });

  it('highlights nothing without a focus', () => {
    expect(traceGraph(spec, undefined)).toEqual({ links: new Set(), nodes: new Set(), rows: new Set() });
  });
});

describe('copy and paste of nodes', () => {
  it('pastes a copy with fresh ids and the links between the copied nodes', () => {
    const pair = spec.links.find((l) => 'node' in l.from && 'node' in l.to)!;
    const ids = new Set(['node' in pair.from ? pair.from.node : '', 'node' in pair.to ? pair.to.node : '']);
    const copied = copyNodes(spec, ids)!;
    expect(copied.nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    const { spec: pasted, ids: newIds } = pasteNodes(spec, copied);
    expect(pasted.nodes).toHaveLength(spec.nodes.length + 2);
    expect(newIds.every((id) => !ids.has(id))).toBe(true);
    const newLinks = pasted.links.slice(spec.links.length);
    expect(newLinks.length).toBeGreaterThanOrEqual(1);
    for (const link of newLinks) {
      expect('node' in link.from && newIds.includes(link.from.node)).toBe(true);
      expect('node' in link.to && newIds.includes(link.to.node)).toBe(true);
    }
    // The result is still a valid spec (unique ids, links to existing nodes).
    expect(() => parseSpec(pasted)).not.toThrow();
  });
});
