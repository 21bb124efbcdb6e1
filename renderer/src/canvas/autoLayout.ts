import type { LayoutNode, MapDefinition, MapLayout, MappingNode } from '../../../shared/common/mapping/spec/MappingSpec';

export interface AutoLayoutOptions {
  schemaWidth: number;
  sourceHeight: number;
  targetHeight: number;
  /** Where a source row is in its list (for ordering nodes by what feeds them); undefined when unknown. */
  rowIndex(nodeId: string, path: string): number | undefined;
  /** A node's rendered height, estimated (the layout runs before React Flow has measured anything). */
  nodeHeight(node: MappingNode): number;
  /** A node's rendered width, estimated; columns are as wide as their widest node. */
  nodeWidth(node: MappingNode): number;
}

const COLUMN_GAP = 44;
const ROW = 170;
const GAP = 70;
const NODE_GAP = 18;
/** A column of nodes wraps past this height: a few short columns fit a screen better than one tall one. */
const COLUMN_HEIGHT = 640;
/** The width-to-height ratio a big map's grid aims at (a canvas is wider than high). */
const WIDE = 2;

/** Source paths in reading order when no schema row says where they are: PID-3 before PID-13, PID-5.1 before PID-5.2. */
export function pathOrder(path: string): number {
  const numbers = (path.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  return numbers.reduce((acc, n, i) => acc + n * [10_000, 100, 1][i], 0);
}

/**
 * One map's layout: its source on the left, its targets stacked on the right (in columns when
 * they are many), and its nodes
 * between in columns by their depth from the source (a function feeding a value map sits left of
 * it), each column ordered by the position of the source fields that feed it, so links cross as
 * little as a column layout can. What the previous layout kept beside positions (expanded rows,
 * widths) stays.
 */
export function autoLayout(map: MapDefinition, options: AutoLayoutOptions, previous?: MapLayout): MapLayout {
  const depth = new Map<string, number>();
  const feeds = new Map<string, number>();
  const nodeIds = new Set(map.nodes.map((n) => n.id));
  // Longest path from a source, relaxed |nodes| times (graphs are acyclic; the compiler refuses cycles).
  for (const n of map.nodes) depth.set(n.id, 0);
  for (let pass = 0; pass < map.nodes.length; pass++) {
    let changed = false;
    for (const link of map.links) {
      if ('node' in link.from && 'node' in link.to && nodeIds.has(link.from.node) && nodeIds.has(link.to.node)) {
        const d = (depth.get(link.from.node) ?? 0) + 1;
        if (d > (depth.get(link.to.node) ?? 0)) { depth.set(link.to.node, d); changed = true; }
      }
    }
    if (!changed) break;
  }
  for (const link of map.links) {
    if ('source' in link.from && 'node' in link.to) {
      const i = options.rowIndex(link.from.source, link.from.path) ?? 1_000_000 + pathOrder(link.from.path);
      feeds.set(link.to.node, Math.min(feeds.get(link.to.node) ?? Infinity, i));
    }
  }
  // Nodes fed only by other nodes take their feeders' order.
  for (let pass = 0; pass < map.nodes.length; pass++) {
    for (const link of map.links) {
      if ('node' in link.from && 'node' in link.to && feeds.has(link.from.node) && !feeds.has(link.to.node)) feeds.set(link.to.node, feeds.get(link.from.node) as number);
    }
  }
  const middleX = options.schemaWidth + GAP;
  const heights = new Map(map.nodes.map((n) => [n.id, options.nodeHeight(n)]));
  const widths = new Map(map.nodes.map((n) => [n.id, options.nodeWidth(n)]));
  // Each depth is a column; a column taller than this wraps into the next sub-column, so a map of
  // many nodes stays a compact grid instead of one very long column. A big map (a message map of
  // 26 resources and 90 nodes) wraps taller, so its grid stays about twice as wide as high rather
  // than a strip its source and first resource cannot share a screen in.
  let area = map.targets.length * (options.targetHeight + 40) * (options.schemaWidth + COLUMN_GAP);
  for (const n of map.nodes) area += ((heights.get(n.id) ?? ROW) + NODE_GAP) * ((widths.get(n.id) ?? 0) + COLUMN_GAP);
  const maxHeight = Math.max(options.sourceHeight, COLUMN_HEIGHT, Math.sqrt(area / WIDE));
  const byColumn = new Map<number, string[]>();
  for (const n of map.nodes) {
    const c = depth.get(n.id) ?? 0;
    byColumn.set(c, [...(byColumn.get(c) ?? []), n.id]);
  }
  const placed: { id: string; x: number; y: number }[] = [];
  let x = middleX;
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const ids = byColumn.get(c) as string[];
    ids.sort((a, b) => (feeds.get(a) ?? Infinity) - (feeds.get(b) ?? Infinity) || a.localeCompare(b));
    let y = 0;
    let width = 0;
    for (const id of ids) {
      const h = heights.get(id) ?? ROW;
      if (y > 0 && y + h > maxHeight) { x += width + COLUMN_GAP; y = 0; width = 0; }
      placed.push({ id, x, y });
      y += h + NODE_GAP;
      width = Math.max(width, widths.get(id) ?? 0);
    }
    x += width + COLUMN_GAP;
  }
  const targetX = map.nodes.length > 0 ? x - COLUMN_GAP + GAP : middleX;

  const kept = new Map((previous?.nodes ?? []).map((n) => [n.id, n]));
  const at = (id: string, px: number, py: number): LayoutNode => ({ ...kept.get(id), id, x: px, y: py });
  const nodes: LayoutNode[] = [];
  map.sources.forEach((s, i) => nodes.push(at(s.id, 0, i * (options.sourceHeight + GAP))));
  // Targets stack like a column of nodes, wrapping into a next column (a message map's six resources in two columns of three).
  let tx = targetX;
  let ty = 0;
  for (const t of map.targets) {
    if (ty > 0 && ty + options.targetHeight > maxHeight) { tx += options.schemaWidth + COLUMN_GAP; ty = 0; }
    nodes.push(at(t.id, tx, ty));
    ty += options.targetHeight + 40;
  }
  for (const p of placed) nodes.push(at(p.id, p.x, p.y));
  return { ...(previous?.viewport ? { viewport: previous.viewport } : {}), nodes };
}
