import type { Link, MapDefinition, MappingNode, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { freshId, idsInMap, positionOf, setNodePosition, updateMap } from '../../../shared/common/mapping/edit/mapEdits';

/**
 * Copied nodes with the links between them (links to schemas stay behind: they need the same
 * rows). Nodes are data, so the content pastes into any map: copy in one, paste in another.
 */
export interface ClipboardContent {
  nodes: MappingNode[];
  links: Link[];
  positions: Record<string, { x: number; y: number }>;
}

export function copyNodes(spec: MappingSpec, map: MapDefinition, ids: ReadonlySet<string>): ClipboardContent | undefined {
  const nodes = map.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const links = map.links.filter((l) => 'node' in l.from && ids.has(l.from.node) && 'node' in l.to && ids.has(l.to.node));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of nodes) {
    const at = positionOf(spec, map.id, node.id);
    if (at) positions[node.id] = at;
  }
  return { nodes, links, positions };
}

/** The spec with copies of the clipboard's nodes in one map (fresh ids, offset so they do not cover the originals). */
export function pasteNodes(spec: MappingSpec, mapId: string, content: ClipboardContent, offset = 40): { spec: MappingSpec; ids: string[] } {
  const map = spec.maps.find((m) => m.id === mapId);
  if (!map) return { spec, ids: [] };
  const used = idsInMap(map);
  const rename = new Map<string, string>();
  const take = (stem: string): string => {
    const id = freshId(used, stem.replace(/-\d+$/, ''));
    used.add(id);
    return id;
  };
  for (const node of content.nodes) rename.set(node.id, take(node.id));
  const nodes = content.nodes.map((node) => ({ ...node, id: rename.get(node.id) as string }));
  const links = content.links.flatMap((link) => ('node' in link.from && 'node' in link.to
    ? [{ ...link, id: take(link.id), from: { node: rename.get(link.from.node) as string, port: link.from.port }, to: { node: rename.get(link.to.node) as string, port: link.to.port } }]
    : []));
  let next = updateMap(spec, mapId, (m) => ({ ...m, nodes: [...m.nodes, ...nodes], links: [...m.links, ...links] }));
  for (const node of content.nodes) {
    const at = content.positions[node.id] ?? { x: 480, y: 80 };
    next = setNodePosition(next, mapId, rename.get(node.id) as string, at.x + offset, at.y + offset);
  }
  return { spec: next, ids: [...rename.values()] };
}
