import type { MappingNode, NodeKindName } from '../../../../shared/common/mapping/spec/MappingSpec';
import { callView } from './CallBody';
import { conditionView } from './ConditionBody';
import { constantView } from './ConstantBody';
import { functionView } from './FunctionBody';
import type { NodeView } from './NodeView';
import { noteView } from './NoteBody';
import { referenceView } from './ReferenceBody';
import { valueMapView } from './ValueMapBody';

/**
 * Every node kind's view, by kind. The type makes a kind the engine has (nodeKinds.ts) without a
 * view here a compile error, so the two lists cannot drift.
 */
const views: { [K in NodeKindName]: NodeView<Extract<MappingNode, { kind: K }>> } = {
  function: functionView,
  valueMap: valueMapView,
  constant: constantView,
  condition: conditionView,
  reference: referenceView,
  call: callView,
  note: noteView,
};

/** The view of a node's kind. */
export function nodeViewOf<N extends MappingNode>(node: N): NodeView<N> {
  return views[node.kind] as unknown as NodeView<N>;
}

/** Every kind's view, in palette order. */
export const nodeViews: ReadonlyArray<NodeView<MappingNode>> = Object.values(views) as unknown as ReadonlyArray<NodeView<MappingNode>>;

export function viewOfKind(kind: NodeKindName): NodeView<MappingNode> {
  return views[kind] as unknown as NodeView<MappingNode>;
}
