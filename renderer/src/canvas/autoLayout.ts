import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { setNodePosition } from './layoutEdits';

export interface AutoLayoutOptions {
  schemaWidth: number;
  sourceHeight: number;
  targetHeight: number;
  /** Where a source row is in its list (for ordering nodes by what feeds them); undefined when unknown. */
  rowIndex(nodeId: string, path: string): number | undefined;
}

// Wider than the widest node (a value map with a long name renders about 280px wide), so columns never touch.
const COLUMN = 310;
const ROW = 170;
const GAP = 90;
const NODE_GAP = 18;

/** Rendered height of a node, estimated from its kind (the layout runs before React Flow measures). */
function estimatedHeight(node: MappingSpec['nodes'][number]): number {
  switch (node.kind) {
    case 'valueMap': return 22 + 22 + 4 * 16 + 8;
    case 'function': return 22 + Object.keys(node.params ?? {}).length * 24 + 3 * 16 + 8;
    case 'constant': case 'condition': return 22 + 28 + 16 + 8;
    case 'reference': return 22 + 16 + 8;
  }
}

/**
 * Sources on the left, targets stacked on the right, and the nodes between in columns by their
 * depth from the source (a function feeding a value map sits left of it), each column ordered by
 * the position of the source fields that feed it, so links cross as little as a column layout can.
 */
export function autoLayout(spec: MappingSpec, options: AutoLayoutOptions): MappingSpec {
  const depth = new Map<string, number>();
  const feeds = new Map<string, number>();
  const nodeIds = new Set(spec.nodes.map((n) => n.id));
  // Longest path from a source, relaxed |nodes| times (graphs are acyclic; the compiler refuses cycles).
  for (const n of spec.nodes) depth.set(n.id, 0);
  for (let pass = 0; pass < spec.nodes.length; pass++) {
    let changed = false;
    for (const link of spec.links) {
      if ('node' in link.from && 'node' in link.to && nodeIds.has(link.from.node) && nodeIds.has(link.to.node)) {
        const d = (depth.get(link.from.node) ?? 0) + 1;
        if (d > (depth.get(link.to.node) ?? 0)) { depth.set(link.to.node, d); changed = true; }
      }
    }
    if (!changed) break;
  }
  for (const link of spec.links) {
    if ('source' in link.from && 'node' in link.to) {
      const i = options.rowIndex(link.from.source, link.from.path) ?? 10_000;
      feeds.set(link.to.node, Math.min(feeds.get(link.to.node) ?? Infinity, i));
    }
  }
  // Nodes fed only by other nodes take their feeders' order.
  for (let pass = 0; pass < spec.nodes.length; pass++) {
    for (const link of spec.links) {
      if ('node' in link.from && 'node' in link.to && feeds.has(link.from.node) && !feeds.has(link.to.node)) feeds.set(link.to.node, feeds.get(link.from.node)!);
    }
  }
  const middleX = options.schemaWidth + GAP;
  // Each depth is a column; a column taller than the schemas wraps into the next sub-column, so a
  // mapping of a hundred nodes stays a compact grid instead of one very long column.
  const maxHeight = Math.max(options.sourceHeight, spec.targets.length * (options.targetHeight + 40), 900);
  const byColumn = new Map<number, string[]>();
  for (const n of spec.nodes) {
    const c = depth.get(n.id) ?? 0;
    byColumn.set(c, [...(byColumn.get(c) ?? []), n.id]);
  }
  const heights = new Map(spec.nodes.map((n) => [n.id, estimatedHeight(n)]));
  const placed: { id: string; x: number; y: number }[] = [];
  let x = middleX;
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const ids = byColumn.get(c)!;
    ids.sort((a, b) => (feeds.get(a) ?? Infinity) - (feeds.get(b) ?? Infinity) || a.localeCompare(b));
    let y = 0;
    for (const id of ids) {
      const h = heights.get(id) ?? ROW;
      if (y > 0 && y + h > maxHeight) { x += COLUMN; y = 0; }
      placed.push({ id, x, y });
      y += h + NODE_GAP;
    }
    x += COLUMN;
  }
  const targetX = spec.nodes.length > 0 ? x + GAP : middleX;

  let next = spec;
  spec.sources.forEach((s, i) => { next = setNodePosition(next, s.id, 0, i * (options.sourceHeight + GAP)); });
  let y = 0;
  for (const t of spec.targets) {
    next = setNodePosition(next, t.id, targetX, y);
    y += options.targetHeight + 40;
  }
  for (const p of placed) next = setNodePosition(next, p.id, p.x, p.y);
  return next;
}
