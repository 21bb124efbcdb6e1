import type { FunctionNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import { useFunctionsStore } from '../../state/functionsStore';
import { CommitInput } from '../../panels/CommitInput';
import type { NodeBodyProps, NodeView } from './NodeView';
import { updateNode } from './updateNode';

/** A function's parameters, edited on the node (its inputs are ports). */
function FunctionBody({ node, mapId }: NodeBodyProps<FunctionNode>) {
  const def = useFunctionsStore((s) => s.byId.get(node.functionId));
  if (!def?.params.length) return null;
  return (
    <div className="op-node__params nodrag">
      {def.params.map((param) => {
        const value = node.params?.[param.name] ?? param.default ?? '';
        const set = (v: string | number | boolean) => updateNode<FunctionNode>(mapId, node.id, `Set ${param.name}`, (n) => ({ ...n, params: { ...n.params, [param.name]: v } }));
        return (
          <label key={param.name} className="op-node__param" title={param.description}>
            <span>{param.name}</span>
            {param.type === 'enum' ? (
              <select value={String(value)} onChange={(e) => set(e.target.value)}>
                {(param.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : param.type === 'boolean' ? (
              <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
            ) : (
              <CommitInput value={String(value)} onCommit={(v) => set(param.type === 'number' ? Number(v) : v)} />
            )}
          </label>
        );
      })}
    </div>
  );
}

export const functionView: NodeView<FunctionNode> = {
  kind: 'function',
  icon: 'ƒ',
  title: (node, { functions }) => node.label ?? functions.get(node.functionId)?.label ?? node.functionId,
  description: (node, { functions }) => functions.get(node.functionId)?.description,
  Body: FunctionBody,
  bodyHeight: (node, { functions }) => (functions.get(node.functionId)?.params.length ?? 0) * 24,
  bodyWidth: (node, { functions }) => ((functions.get(node.functionId)?.params.length ?? 0) > 0 ? 230 : 0),
  // A function a library map replaces runs in the bundles that use it, but is not offered for new links.
  palette: ({ functionList }) => functionList.filter((f) => f.replacedBy === undefined).map((f) => ({
    kind: 'function', key: f.id, label: f.label, hint: `${f.id}\n${f.description}`, section: f.category, keywords: `${f.id} ${f.description} ${f.category}`,
  })),
  create: (entry, _context, id) => ({ node: { id: id(entry.key.split('.').pop() ?? 'fn'), kind: 'function', functionId: entry.key } }),
};
