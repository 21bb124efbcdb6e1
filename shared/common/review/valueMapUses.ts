import { messageMaps, type MapDefinition, type MappingSpec, type ValueMapNode } from '../mapping/spec/MappingSpec';

/** One place a value map is looked up: a value-map node in a map the mapping runs. */
export interface ValueMapUse {
  map: MapDefinition;
  node: ValueMapNode;
}

/**
 * The maps a mapping runs: its message maps and every map they call, directly or through other
 * maps. A segment or data type map nothing calls never runs, so its value maps are not "in use".
 */
export function mapsInUse(spec: Pick<MappingSpec, 'maps'>): MapDefinition[] {
  const byId = new Map(spec.maps.map((map) => [map.id, map]));
  const reached = new Set<string>();
  const queue = messageMaps(spec).map((map) => map.id);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const node of byId.get(id)?.nodes ?? []) if (node.kind === 'call' && !reached.has(node.map)) queue.push(node.map);
  }
  return spec.maps.filter((map) => reached.has(map.id));
}

/** Where each value map is looked up, by value-map id, in the maps the mapping runs (maps in spec order). */
export function valueMapUses(spec: Pick<MappingSpec, 'maps'>): Map<string, ValueMapUse[]> {
  const uses = new Map<string, ValueMapUse[]>();
  for (const map of mapsInUse(spec)) {
    for (const node of map.nodes) {
      if (node.kind !== 'valueMap') continue;
      const list = uses.get(node.valueMapId) ?? [];
      list.push({ map, node });
      uses.set(node.valueMapId, list);
    }
  }
  return uses;
}
