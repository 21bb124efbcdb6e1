import type { ConstantNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import { CommitInput } from '../../panels/CommitInput';
import type { NodeBodyProps, NodeView } from './NodeView';
import { updateNode } from './updateNode';
import { constantFromText, constantText } from './constantText';

/** The value: text as typed, or JSON when it reads as a number, true/false, null, an object or a list. */
function ConstantBody({ node, mapId }: NodeBodyProps<ConstantNode>) {
  return (
    <CommitInput
      className="op-node__const nodrag"
      aria-label={`Value of ${node.id}`}
      value={constantText(node.value)}
      title="A string, or JSON (a number, true/false, an object)"
      onCommit={(text) => {
        updateNode<ConstantNode>(mapId, node.id, 'Set constant', (n) => ({ ...n, value: constantFromText(text) as ConstantNode['value'] }));
      }}
    />
  );
}

export const constantView: NodeView<ConstantNode> = {
  kind: 'constant',
  icon: '=',
  title: (node) => node.label ?? 'Constant',
  Body: ConstantBody,
  bodyHeight: () => 28,
  palette: () => [{ kind: 'constant', key: '', label: 'Constant', hint: 'A fixed value: text, number, boolean or JSON', section: 'Basics', keywords: 'constant value fixed' }],
  create: (_entry, _context, id) => ({ node: { id: id('const'), kind: 'constant', value: '' } }),
};
