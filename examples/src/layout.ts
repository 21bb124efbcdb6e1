import type { MapDefinition, MappingNode, MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import { functionRegistry } from '../../shared/common/functions/index';
import { SCHEMA_HEIGHT, SCHEMA_WIDTH, TARGET_HEIGHT } from '../../renderer/src/canvas/specToFlow';

/** A canvas position, as the spec's `layout.nodes` keeps it. */
export interface Placement {
  id: string;
  x: number;
  y: number;
}

/** The rendered height of the source node (specToNodes draws it taller than SCHEMA_HEIGHT). */
const SOURCE_HEIGHT = SCHEMA_HEIGHT + 180;
/** Room between the schemas and the first or last column: links fan out here. */
const EDGE_GAP = 80;
const COLUMN_GAP = 40;
const NODE_GAP = 16;
const BAND_GAP = 70;
/** Columns a band may use before it grows taller instead: with four, the first band fits beside the source on the first screen. */
const COLUMNS = 4;

/** One map's graph, with the mapping's value maps (a value-map node's size depends on its map). */
type SpecGraph = Pick<MapDefinition, 'sources' | 'targets' | 'nodes' | 'links'> & Pick<MappingSpec, 'valueMaps'>;

/**
 * The size an operation node renders at (renderer/src/canvas/OpNode.tsx with styles.css: 12px
 * text, 16px port rows, a 170px minimum width and a title cut at 220px), estimated on the safe
 * side so that nodes laid out with it never touch on the canvas.
 */
export function opNodeSize(node: MappingNode, spec: SpecGraph): { width: number; height: number } {
  const frame = 3 + 1 + 24 + 4; // coloured top border, bottom border, header, port padding
  const text = (chars: number, px: number): number => Math.ceil(chars * px);
  const header = (title: string): number => 8 + 10 + 6 + Math.min(220, text(title.length, 7.2)) + 8 + 2;
  const ports = (inputs: string[], outputs: string[]): number =>
    Math.max(...inputs.map((p) => 20 + text(p.length, 6.2)), 0) + 12 + Math.max(...outputs.map((p) => 20 + text(p.length, 6.2)), 0);
  switch (node.kind) {
    case 'function': {
      const def = functionRegistry.get(node.functionId);
      const inputs = (def?.inputs ?? []).map((p) => `${p.name} ${p.type}`);
      const output = def ? `${def.output.type} out` : 'any out';
      const params = def?.params?.length ?? 0;
      return {
        width: Math.max(170, header(node.label ?? def?.label ?? node.functionId), ports(inputs, [output]), params > 0 ? 240 : 0),
        height: frame + (params > 0 ? 8 + params * 25 : 0) + Math.max(inputs.length, 1) * 16,
      };
    }
    case 'valueMap': {
      const map = spec.valueMaps.find((m) => m.id === node.valueMapId);
      const summary = map ? `${map.entries.length} codes · unmapped: ${map.unmapped.kind}` : 'missing value map';
      return {
        width: Math.max(170, header(node.label ?? map?.name ?? node.valueMapId), 16 + text(summary.length, 6.2) + 6 + 64, ports(['in code'], ['Coding coding', 'string display'])),
        height: frame + 24 + 4 * 16,
      };
    }
    case 'constant': case 'condition':
      return { width: 200, height: frame + 30 + 16 };
    case 'reference':
      return { width: Math.max(170, header(node.label ?? `Reference to ${node.target}`), ports([], ['Reference out'])), height: frame + 16 };
    case 'call':
      return { width: Math.max(190, header(node.label ?? node.map), ports(['in any'], ['any out'])), height: frame + 24 + 16 };
  }
}

/**
 * A layered layout: the source on the left, the targets stacked on the right, and each target's
 * band of helper nodes beside it, in columns by dependency depth (a node one step from the source
 * in the first column, a node fed by it in the next). A band's tall depth wraps into sub-columns
 * (up to COLUMNS in all), so the bands stay short and the targets close together.
 */
export function layeredLayout(spec: SpecGraph): Placement[] {
  const byId = new Map(spec.nodes.map((n, i) => [n.id, { node: n, index: i }]));
  const feeders = new Map<string, string[]>();
  const consumers = new Map<string, string[]>();
  const feedsTarget = new Map<string, number[]>();
  const targetIndex = new Map(spec.targets.map((t, i) => [t.id, i] as const));
  for (const link of spec.links) {
    if (!('node' in link.from)) continue;
    const from = link.from.node;
    if ('node' in link.to) {
      feeders.set(link.to.node, [...(feeders.get(link.to.node) ?? []), from]);
      consumers.set(from, [...(consumers.get(from) ?? []), link.to.node]);
    } else {
      const t = targetIndex.get(link.to.target);
      if (t !== undefined) feedsTarget.set(from, [...(feedsTarget.get(from) ?? []), t]);
    }
  }

  // Depth: one more than the deepest node feeding it (nodes fed only by the source, or by nothing, are 1).
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 1; // the compiler refuses cycles; never loop on a broken spec
    seen.add(id);
    const d = 1 + Math.max(0, ...(feeders.get(id) ?? []).filter((f) => byId.has(f)).map((f) => depthOf(f, seen)));
    depth.set(id, d);
    return d;
  };
  // Band: the first target (in target order) the node's value reaches.
  const band = new Map<string, number>();
  const bandOf = (id: string, seen: Set<string>): number => {
    const known = band.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return Infinity;
    seen.add(id);
    const b = Math.min(...(feedsTarget.get(id) ?? []), ...(consumers.get(id) ?? []).map((c) => bandOf(c, seen)));
    band.set(id, b);
    return b;
  };
  const maxDepth = Math.max(1, ...spec.nodes.map((n) => depthOf(n.id, new Set())));
  const bands = Math.max(1, spec.targets.length);
  const sizes = new Map(spec.nodes.map((n) => [n.id, opNodeSize(n, spec)]));

  // Each band on its own: its depths left to right, a tall depth split into sub-columns while the
  // band has fewer than COLUMNS of them, so a busy target's band grows wide before it grows tall.
  const stack = (list: readonly string[]): number => list.reduce((h, id) => h + sizes.get(id)!.height + NODE_GAP, 0);
  const middleX = SCHEMA_WIDTH + EDGE_GAP;
  // One column width for all, so the columns of every band line up.
  const step = Math.max(170, ...[...sizes.values()].map((z) => z.width)) + COLUMN_GAP;
  const placed = new Map<string, { x: number; y: number }>();
  const bandHeights: number[] = [];
  let middleWidth = 0;
  for (let b = 0; b < bands; b++) {
    const byDepth: string[][] = [];
    for (let d = 1; d <= maxDepth; d++) {
      const ids = spec.nodes.map((n) => n.id).filter((id) => depthOf(id, new Set()) === d && Math.min(bandOf(id, new Set()), bands - 1) === b);
      if (ids.length > 0) byDepth.push(ids);
    }
    const parts = byDepth.map(() => 1);
    const columnsOf = (ids: readonly string[], count: number): string[][] => splitEvenly(ids, count, (id) => sizes.get(id)!.height + NODE_GAP);
    const tallest = (): number => Math.max(...byDepth.map((ids, i) => Math.max(...columnsOf(ids, parts[i]).map(stack))));
    while (parts.reduce((a, p) => a + p, 0) < COLUMNS && byDepth.length > 0 && tallest() > TARGET_HEIGHT) {
      const widen = parts.reduce((best, p, i) => (stack(byDepth[i]) / p > stack(byDepth[best]) / parts[best] ? i : best), 0);
      if (byDepth[widen].length <= parts[widen]) break;
      parts[widen]++;
    }
    let x = middleX;
    let height = 0;
    byDepth.forEach((ids, i) => {
      const columns = columnsOf(ids, parts[i]);
      for (const column of columns) {
        let y = 0;
        for (const id of column) {
          placed.set(id, { x, y });
          y += sizes.get(id)!.height + NODE_GAP;
        }
        height = Math.max(height, y - NODE_GAP);
        x += step;
      }
    });
    middleWidth = Math.max(middleWidth, x - COLUMN_GAP - middleX);
    bandHeights.push(height);
  }
  const targetX = middleX + middleWidth + EDGE_GAP;

  const out: Placement[] = spec.sources.map((s, i) => ({ id: s.id, x: 0, y: i * (SOURCE_HEIGHT + BAND_GAP) }));
  let top = 0;
  for (let b = 0; b < bands; b++) {
    if (b < spec.targets.length) out.push({ id: spec.targets[b].id, x: targetX, y: top });
    for (const n of spec.nodes) {
      const at = placed.get(n.id);
      if (at && Math.min(bandOf(n.id, new Set()), bands - 1) === b) out.push({ id: n.id, x: at.x, y: top + at.y });
    }
    top += Math.max(b < spec.targets.length ? TARGET_HEIGHT : 0, bandHeights[b]) + BAND_GAP;
  }
  return out;
}

/** Cuts a list, in order, into at most `count` runs with the smallest tallest run (the linear partition). */
function splitEvenly(ids: readonly string[], count: number, size: (id: string) => number): string[][] {
  const pack = (limit: number): string[][] => {
    const runs: string[][] = [[]];
    let filled = 0;
    for (const id of ids) {
      if (runs[runs.length - 1].length > 0 && filled + size(id) > limit) { runs.push([]); filled = 0; }
      runs[runs.length - 1].push(id);
      filled += size(id);
    }
    return runs;
  };
  // Greedy packing under a limit is optimal for runs in order, so search the smallest limit that fits.
  let low = Math.max(0, ...ids.map(size));
  let high = ids.reduce((h, id) => h + size(id), 0);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (pack(mid).length <= count) high = mid; else low = mid + 1;
  }
  return pack(low);
}
