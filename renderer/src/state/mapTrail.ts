import { entryMap, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

/** The maps a map calls, in node order. */
function calledBy(spec: MappingSpec, mapId: string): string[] {
  const map = spec.maps.find((m) => m.id === mapId);
  return map ? map.nodes.flatMap((n) => (n.kind === 'call' ? [n.map] : [])) : [];
}

/** The shortest chain of calls from one map to another (both ends included), or undefined when none leads there. */
export function callChain(spec: MappingSpec, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) {
      const chain: string[] = [];
      for (let at: string | undefined = id; at !== undefined; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const next of calledBy(spec, id)) {
      if (!previous.has(next)) {
        previous.set(next, id);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * The breadcrumbs for showing a map: back along the trail when it is on it, else the chain of
 * calls from the entry map (ADT_A01 › PID[Patient] › CX[Identifier]), else the map alone.
 */
export function trailTo(spec: MappingSpec, trail: readonly string[], mapId: string): string[] {
  const kept = trail.filter((id) => spec.maps.some((m) => m.id === id));
  const at = kept.indexOf(mapId);
  if (at !== -1) return kept.slice(0, at + 1);
  return callChain(spec, entryMap(spec).id, mapId) ?? [mapId];
}

/** Where a map is called: the calling map and call node, for the maps panel. */
export function callersOf(spec: MappingSpec, mapId: string): Array<{ map: string; node: string }> {
  return spec.maps.flatMap((map) => map.nodes.flatMap((n) => (n.kind === 'call' && n.map === mapId ? [{ map: map.id, node: n.id }] : [])));
}
