import { describe, expect, it } from 'vitest';
import { examples } from '../../../examples/src/examples';
import { opNodeSize } from '../../../examples/src/layout';
import { SCHEMA_HEIGHT, SCHEMA_WIDTH, TARGET_HEIGHT } from '../../../renderer/src/canvas/specToFlow';

interface Box { id: string; x: number; y: number; width: number; height: number }

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const cases = examples.flatMap((e) => {
  const spec = e.build();
  return spec.maps.map((map) => [`${e.file} ${map.id}`, { ...map, valueMaps: spec.valueMaps, layout: spec.layout?.maps[map.id] }] as const);
});

describe.each(cases)('the stored canvas layout of %s', (_name, spec) => {
  const at = new Map((spec.layout?.nodes ?? []).map((n) => [n.id, n]));
  const box = (id: string, width: number, height: number): Box => {
    const p = at.get(id);
    if (!p) throw new Error(`${id} has no position`);
    return { id, x: p.x, y: p.y, width, height };
  };
  const sources = spec.sources.map((s) => box(s.id, SCHEMA_WIDTH, SCHEMA_HEIGHT + 180));
  const targets = spec.targets.map((t) => box(t.id, SCHEMA_WIDTH, TARGET_HEIGHT));
  const ops = spec.nodes.map((n) => { const size = opNodeSize(n, spec); return box(n.id, size.width, size.height); });

  it('places every source, target and node once', () => {
    expect(spec.layout?.nodes.map((n) => n.id).sort()).toEqual([...spec.sources, ...spec.targets, ...spec.nodes].map((n) => n.id).sort());
  });

  it('has no two nodes overlapping at their rendered sizes', () => {
    const all = [...sources, ...targets, ...ops];
    const clashes = all.flatMap((a, i) => all.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `${a.id} × ${b.id}`));
    expect(clashes).toEqual([]);
  });

  it('puts the source left, the targets in one column on the right in spec order, the nodes between', () => {
    const sourceRight = Math.max(...sources.map((s) => s.x + s.width));
    const middleRight = Math.max(sourceRight, ...ops.map((n) => n.x + n.width));
    expect(new Set(targets.map((t) => t.x)).size).toBe(1);
    if (ops.length > 0) expect(Math.min(...ops.map((n) => n.x))).toBeGreaterThan(sourceRight);
    expect(targets[0].x).toBeGreaterThan(middleRight);
    targets.slice(1).forEach((t, i) => expect(t.y).toBeGreaterThanOrEqual(targets[i].y + TARGET_HEIGHT));
  });

  it('draws a node right of every node that feeds it (columns by depth)', () => {
    const x = new Map(ops.map((n) => [n.id, n.x]));
    const backwards = spec.links.flatMap((l) => ('node' in l.from && 'node' in l.to && x.get(l.from.node)! >= x.get(l.to.node)! ? [`${l.from.node} → ${l.to.node}`] : []));
    expect(backwards).toEqual([]);
  });

  it('keeps each node that writes a target element beside the first target it writes', () => {
    const bandOf = (y: number): number => targets.filter((t) => t.y <= y).length - 1;
    const misplaced = spec.nodes.flatMap((n) => {
      const out = spec.links.filter((l) => 'node' in l.from && l.from.node === n.id);
      if (out.length === 0 || out.some((l) => 'node' in l.to)) return [];
      const first = Math.min(...out.map((l) => ('target' in l.to ? spec.targets.findIndex((t) => t.id === (l.to as { target: string }).target) : Infinity)));
      return bandOf(at.get(n.id)!.y) === first ? [] : [n.id];
    });
    expect(misplaced).toEqual([]);
  });
});
