import type { ConditionNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import { CommitInput } from '../../panels/CommitInput';
import type { NodeBodyProps, NodeView } from './NodeView';
import { updateNode } from './updateNode';

/** The expression, in the mapping expression language. */
function ConditionBody({ node, mapId }: NodeBodyProps<ConditionNode>) {
  return (
    <CommitInput
      className="op-node__expr nodrag"
      aria-label={`Expression of ${node.id}`}
      value={node.expression}
      spellCheck={false}
      required
      onCommit={(text) => {
        const expression = text.trim();
        if (expression) updateNode<ConditionNode>(mapId, node.id, 'Set condition', (n) => ({ ...n, expression }));
      }}
    />
  );
}

export const conditionView: NodeView<ConditionNode> = {
  kind: 'condition',
  icon: '?',
  title: (node) => node.label ?? 'Condition',
  Body: ConditionBody,
  bodyHeight: () => 28,
  palette: () => [{ kind: 'condition', key: '', label: 'Condition / filter', hint: "An expression such as OBX-2 = 'NM'", section: 'Basics', keywords: 'condition filter expression if' }],
  create: (_entry, _context, id) => ({ node: { id: id('cond'), kind: 'condition', expression: "MSH-9.2 = 'A01'" } }),
};
