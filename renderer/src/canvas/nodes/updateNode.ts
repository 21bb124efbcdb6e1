import type { MappingNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import { updateMap } from '../../../../shared/common/mapping/edit/mapEdits';
import { useDocumentStore } from '../../state/documentStore';

/** One edit of one node of one map (a parameter, an expression), as one undo step. */
export function updateNode<N extends MappingNode>(mapId: string, id: string, label: string, change: (node: N) => N): void {
  useDocumentStore.getState().edit(label, (spec) => updateMap(spec, mapId, (map) => ({
    ...map,
    nodes: map.nodes.map((n) => (n.id === id ? change(n as N) : n)),
  })), mapId);
}
