import type { MapDefinition, MapLayout, MappingSpec } from './MappingSpec';

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The canonical form of a spec: collections whose order means nothing (nodes, links, value maps,
 * layout entries) sorted by id, and layout entries of removed nodes or maps dropped, so two
 * exports of the same mapping are byte-identical however the studio happened to build it. Maps
 * (message maps are tried in order), sources, targets (output order) and value-map entries (the
 * reviewer's table order) keep their order. Link order is expressed by `order`, never by
 * position, for this reason.
 */
export function normalizeSpec(spec: MappingSpec): MappingSpec {
  const normalized: MappingSpec = {
    ...spec,
    maps: spec.maps.map(normalizeMap),
    valueMaps: [...spec.valueMaps].sort(byId),
  };
  if (spec.layout) {
    const maps: Record<string, MapLayout> = {};
    for (const map of spec.maps) {
      const layout = spec.layout.maps[map.id];
      if (layout === undefined) continue;
      const ids = new Set<string>([...map.sources, ...map.targets, ...map.nodes].map((item) => item.id));
      maps[map.id] = { ...layout, nodes: layout.nodes.filter((entry) => ids.has(entry.id)).sort(byId) };
    }
    normalized.layout = { maps };
  }
  return normalized;
}

/** A map in canonical order: its nodes and links sorted by id. */
export function normalizeMap(map: MapDefinition): MapDefinition {
  return { ...map, nodes: [...map.nodes].sort(byId), links: [...map.links].sort(byId) };
}
