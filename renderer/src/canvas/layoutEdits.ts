import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

/** Places a node in the spec's layout (kept apart from semantics: the engine never reads it). */
export function setNodePosition(spec: MappingSpec, id: string, x: number, y: number): MappingSpec {
  const layout = spec.layout ?? { nodes: [] };
  const existing = layout.nodes.find((n) => n.id === id);
  if (existing && existing.x === x && existing.y === y) return spec;
  const nodes = existing
    ? layout.nodes.map((n) => (n.id === id ? { ...n, x, y } : n))
    : [...layout.nodes, { id, x, y }];
  return { ...spec, layout: { ...layout, nodes } };
}
