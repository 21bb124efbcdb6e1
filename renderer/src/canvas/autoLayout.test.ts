import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import { entryMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { autoLayout, pathOrder } from './autoLayout';

// The shipped example's message map: the size of a real ADT mapping.
const example = JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')) as { mapping: unknown };
const map = entryMap(parseSpec(example.mapping));
const options = { schemaWidth: 340, sourceHeight: 560, targetHeight: 240, rowIndex: () => undefined, nodeHeight: () => 90, nodeWidth: () => 240 };

describe('autoLayout of one map', () => {
  const laid = autoLayout(map, options, { nodes: [{ id: map.sources[0].id, x: 5, y: 5, expanded: ['PID'] }], viewport: { x: 1, y: 2, zoom: 0.5 } });
  const at = new Map(laid.nodes.map((n) => [n.id, n]));

  it('places every source, target and node', () => {
    for (const item of [...map.sources, ...map.targets, ...map.nodes]) expect(at.has(item.id)).toBe(true);
  });

  it('keeps sources left of every node and targets right of every node', () => {
    const nodeXs = map.nodes.map((n) => at.get(n.id)!.x);
    expect(Math.max(...map.sources.map((s) => at.get(s.id)!.x))).toBeLessThan(Math.min(...nodeXs));
    expect(Math.min(...map.targets.map((t) => at.get(t.id)!.x))).toBeGreaterThan(Math.max(...nodeXs));
  });

  it('puts a node after the nodes that feed it', () => {
    for (const link of map.links) {
      if ('node' in link.from && 'node' in link.to) expect(at.get(link.from.node)!.x).toBeLessThan(at.get(link.to.node)!.x);
    }
  });

  it('never stacks two nodes on the same spot, and wraps a big map into a grid about twice as wide as high', () => {
    const spots = new Set(map.nodes.map((n) => `${at.get(n.id)!.x},${at.get(n.id)!.y}`));
    expect(spots.size).toBe(map.nodes.length);
    const bottom = Math.max(...map.nodes.map((n) => at.get(n.id)!.y + 90), ...map.targets.map((t) => at.get(t.id)!.y + 240));
    const right = Math.max(...map.targets.map((t) => at.get(t.id)!.x + 340));
    expect(map.nodes.length).toBeGreaterThan(60);
    expect(right / bottom).toBeGreaterThan(1.5);
    expect(right / bottom).toBeLessThan(3);
  });

  it('wraps a small map\'s columns at 640', () => {
    const small = { ...map, nodes: map.nodes.slice(0, 12), targets: map.targets.slice(0, 2) };
    const laidSmall = autoLayout(small, options);
    expect(Math.max(...small.nodes.map((n) => laidSmall.nodes.find((l) => l.id === n.id)!.y))).toBeLessThanOrEqual(640);
  });

  it('keeps what the previous layout held beside positions', () => {
    expect(at.get(map.sources[0].id)).toEqual({ id: map.sources[0].id, x: 0, y: 0, expanded: ['PID'] });
    expect(laid.viewport).toEqual({ x: 1, y: 2, zoom: 0.5 });
  });
});

describe('pathOrder', () => {
  it('orders source paths as a reader does', () => {
    expect(['PID-13', 'PID-5.2', 'PID-3', 'PID-5.1'].sort((a, b) => pathOrder(a) - pathOrder(b))).toEqual(['PID-3', 'PID-5.1', 'PID-5.2', 'PID-13']);
  });
});

describe('many targets', () => {
  it('wraps them into columns no taller than a column of nodes, side by side without overlap', () => {
    const targets = ['patient', 'encounter', 'location', 'practitioner', 'observation', 'allergy'].map((id) => ({ id, schema: { standard: 'fhir-r4' as const, resource: 'Patient' } }));
    const map = { id: 'ADT_A01', kind: 'message' as const, sources: [{ id: 'msg', schema: { standard: 'hl7v2' as const, version: '2.5.1', structure: 'ADT_A01' } }], targets, nodes: [], links: [] };
    const layout = autoLayout(map, { ...options, targetHeight: 180 });
    const at = (id: string) => layout.nodes.find((n) => n.id === id)!;
    // 640 px columns: three 180 px targets with their 40 px gaps each.
    expect(targets.map((t) => [at(t.id).x, at(t.id).y])).toEqual([
      [410, 0], [410, 220], [410, 440],
      [794, 0], [794, 220], [794, 440],
    ]);
  });
});
