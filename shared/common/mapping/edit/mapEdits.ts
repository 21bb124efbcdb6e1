import { CrosswalkError } from '../../errors/CrosswalkError';
import type { LayoutNode, MapDefinition, MapLayout, MappingSpec } from '../spec/MappingSpec';
import { MAP_ID_PATTERN } from '../spec/ids';

/**
 * Small pure edits of a spec that the studio and the map transforms (extract, inline) share. Every
 * edit returns a new spec and leaves the old one untouched (the studio's undo history keeps the
 * old ones), and returns the same object when nothing changed.
 */

/** The map with this id, or a CrosswalkError naming it. */
export function requireMap(spec: Pick<MappingSpec, 'maps'>, id: string): MapDefinition {
  const map = spec.maps.find((m) => m.id === id);
  if (!map) throw new CrosswalkError('EDIT_UNKNOWN_MAP', `The mapping has no map "${id}".`, { map: id });
  return map;
}

/** The spec with one map replaced by what `change` makes of it. */
export function updateMap(spec: MappingSpec, mapId: string, change: (map: MapDefinition) => MapDefinition): MappingSpec {
  let changed = false;
  const maps = spec.maps.map((map) => {
    if (map.id !== mapId) return map;
    const next = change(map);
    if (next !== map) changed = true;
    return next;
  });
  return changed ? { ...spec, maps } : spec;
}

/** Every id in one map's namespace: its source, targets, nodes and links share it. */
export function idsInMap(map: Pick<MapDefinition, 'sources' | 'targets' | 'nodes' | 'links'>): Set<string> {
  return new Set<string>([...map.sources, ...map.targets, ...map.nodes, ...map.links].map((x) => x.id));
}

/** `stem` made a valid id (a letter first, then letters, digits, `_ . -`). */
function cleanStem(stem: string, fallback: string): string {
  return stem.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 50) || fallback;
}

/** An id not yet used in `used`: `stem-1`, `stem-2`, … (the stem cleaned to the id alphabet). */
export function freshId(used: ReadonlySet<string>, stem: string): string {
  const clean = cleanStem(stem, 'node');
  for (let i = 1; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/** `id` itself when it is free, else a fresh id from it. */
export function keepOrFreshId(used: ReadonlySet<string>, id: string): string {
  return used.has(id) ? freshId(used, id.replace(/-\d+$/, '')) : id;
}

/**
 * A map id not yet used: `name[output]` as the IG writes it (`CX[Identifier]`), or with a number
 * in the brackets when that is taken (`CX[Identifier-2]`).
 */
export function freshMapId(spec: Pick<MappingSpec, 'maps'>, input: string, output: string): string {
  const used = new Set(spec.maps.map((m) => m.id));
  const name = cleanStem(input, 'Map');
  const out = cleanStem(output, 'Output');
  const first = `${name}[${out}]`;
  if (!used.has(first) && MAP_ID_PATTERN.test(first)) return first;
  for (let i = 2; ; i++) {
    const id = `${name}[${out}-${i}]`;
    if (!used.has(id)) return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout: positions per map, apart from what the mapping does.

/** The spec with one map's layout replaced (an empty layout is dropped). */
export function setMapLayout(spec: MappingSpec, mapId: string, layout: MapLayout | undefined): MappingSpec {
  const maps = { ...(spec.layout?.maps ?? {}) };
  if (layout === undefined) delete maps[mapId];
  else maps[mapId] = layout;
  return { ...spec, layout: { maps } };
}

/** Places a node of one map. */
export function setNodePosition(spec: MappingSpec, mapId: string, id: string, x: number, y: number): MappingSpec {
  const layout = spec.layout?.maps[mapId] ?? { nodes: [] };
  const existing = layout.nodes.find((n) => n.id === id);
  if (existing && existing.x === x && existing.y === y) return spec;
  const nodes: LayoutNode[] = existing
    ? layout.nodes.map((n) => (n.id === id ? { ...n, x, y } : n))
    : [...layout.nodes, { id, x, y }];
  return setMapLayout(spec, mapId, { ...layout, nodes });
}

/** Places several nodes of one map at once. */
export function setNodePositions(spec: MappingSpec, mapId: string, positions: ReadonlyArray<{ id: string; x: number; y: number }>): MappingSpec {
  return positions.reduce((acc, p) => setNodePosition(acc, mapId, p.id, p.x, p.y), spec);
}

/** Drops the layout entries of removed nodes. */
export function dropFromLayout(spec: MappingSpec, mapId: string, ids: ReadonlySet<string>): MappingSpec {
  const layout = spec.layout?.maps[mapId];
  if (!layout || !layout.nodes.some((n) => ids.has(n.id))) return spec;
  return setMapLayout(spec, mapId, { ...layout, nodes: layout.nodes.filter((n) => !ids.has(n.id)) });
}

/** Where a node of one map is, when the layout places it. */
export function positionOf(spec: MappingSpec, mapId: string, id: string): { x: number; y: number } | undefined {
  const entry = spec.layout?.maps[mapId]?.nodes.find((n) => n.id === id);
  return entry ? { x: entry.x, y: entry.y } : undefined;
}
