import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import { autoLayout } from './autoLayout';

// The shipped example: 80-odd nodes, the size of a real ADT mapping.
const example = JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')) as { mapping: unknown };
const spec = parseSpec(example.mapping);
const options = { schemaWidth: 340, sourceHeight: 700, targetHeight: 340, rowIndex: () => undefined };

describe('autoLayout on the ADT^A01 example', () => {
  const laid = autoLayout(spec, options);
  const at = new Map(laid.layout!.nodes.map((n) => [n.id, n]));

  it('places every source, target and node', () => {
    for (const item of [...spec.sources, ...spec.targets, ...spec.nodes]) expect(at.has(item.id)).toBe(true);
  });

  it('keeps sources left of every node and targets right of every node', () => {
    const nodeXs = spec.nodes.map((n) => at.get(n.id)!.x);
    expect(Math.max(...spec.sources.map((s) => at.get(s.id)!.x))).toBeLessThan(Math.min(...nodeXs));
    expect(Math.min(...spec.targets.map((t) => at.get(t.id)!.x))).toBeGreaterThan(Math.max(...nodeXs));
  });

  it('puts a node after the nodes that feed it', () => {
    for (const link of spec.links) {
      if ('node' in link.from && 'node' in link.to) expect(at.get(link.from.node)!.x).toBeLessThan(at.get(link.to.node)!.x);
    }
  });

  it('never stacks two nodes on the same spot and wraps tall columns', () => {
    const spots = new Set(spec.nodes.map((n) => `${at.get(n.id)!.x},${at.get(n.id)!.y}`));
    expect(spots.size).toBe(spec.nodes.length);
    expect(Math.max(...spec.nodes.map((n) => at.get(n.id)!.y))).toBeLessThanOrEqual(Math.max(700, spec.targets.length * 380, 900));
  });

  it('changes only the layout, never what the mapping does', () => {
    const { layout: _a, ...before } = spec;
    const { layout: _b, ...after } = laid;
    expect(after).toEqual(before);
  });
});
