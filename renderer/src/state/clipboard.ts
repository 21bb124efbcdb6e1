import type { Link, MappingNode, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { freshId } from '../canvas/paletteItems';
import { setNodePosition } from '../canvas/layoutEdits';

/** Copied nodes with the links between them (links to schemas stay behind: they need the same rows). */
export interface ClipboardContent {
  nodes: MappingNode[];
  links: Link[];
  positions: Record<string, { x: number; y: number }>;
}

export function copyNodes(spec: MappingSpec, ids: ReadonlySet<string>): ClipboardContent | undefined {
  const nodes = spec.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const links = spec.links.filter((l) => 'node' in l.from && ids.has(l.from.node) && 'node' in l.to && ids.has(l.to.node));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const entry of spec.layout?.nodes ?? []) if (ids.has(entry.id)) positions[entry.id] = { x: entry.x, y: entry.y };
  return { nodes, links, positions };
}

/** The spec with copies of the clipboard's nodes (fresh ids, offset so they do not cover the originals). */
export function pasteNodes(spec: MappingSpec, content: ClipboardContent, offset = 40): { spec: MappingSpec; ids: string[] } {
  let next = spec;
  const rename = new Map<string, string>();
  for (const node of content.nodes) {
    const id = freshId(next, node.id.replace(/-\d+$/, ''));
    rename.set(node.id, id);
    next = { ...next, nodes: [...next.nodes, { ...node, id }] };
    const at = content.positions[node.id] ?? { x: 480, y: 80 };
    next = setNodePosition(next, id, at.x + offset, at.y + offset);
  }
  for (const link of content.links) {
    if (!('node' in link.from) || !('node' in link.to)) continue;
    const id = freshId(next, link.id.replace(/-\d+$/, ''));
    next = { ...next, links: [...next.links, { ...link, id, from: { node: rename.get(link.from.node)!, port: link.from.port }, to: { node: rename.get(link.to.node)!, port: link.to.port } }] };
  }
  return { spec: next, ids: [...rename.values()] };
}
