import type { MappingSpec } from './MappingSpec';

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The canonical form of a spec: collections whose order means nothing (nodes, links, value maps,
 * layout entries) sorted by id, and layout entries of removed nodes dropped, so two exports of
 * the same mapping are byte-identical however the studio happened to build it. Sources, targets
 * (output order), value-map entries (the reviewer's table order) keep their order. Link order is
 * expressed by `order`, never by position, for this reason.
 */
export function normalizeSpec(spec: MappingSpec): MappingSpec {
  const ids = new Set<string>([...spec.sources, ...spec.targets, ...spec.nodes].map((item) => item.id));
  const normalized: MappingSpec = {
    ...spec,
    nodes: [...spec.nodes].sort(byId),
    links: [...spec.links].sort(byId),
    valueMaps: [...spec.valueMaps].sort(byId),
  };
  if (spec.layout) {
    normalized.layout = { ...spec.layout, nodes: spec.layout.nodes.filter((entry) => ids.has(entry.id)).sort(byId) };
  }
  return normalized;
}
