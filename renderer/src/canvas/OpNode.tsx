import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { MappingNode } from '../../../shared/common/mapping/spec/MappingSpec';
import { useDocumentStore } from '../state/documentStore';
import { useFunctionsStore } from '../state/functionsStore';
import { useViewStore } from '../state/viewStore';
import { nodePorts } from './nodePorts';
import { useNodeHighlight } from './useRowDecorations';
import { CommitInput } from '../panels/CommitInput';

export interface OpNodeData extends Record<string, unknown> {
  node: MappingNode;
}

export type OpFlowNode = Node<OpNodeData, 'op'>;

const KIND_LABEL: Record<MappingNode['kind'], string> = {
  function: 'ƒ', valueMap: '⇄', constant: '=', condition: '?', reference: '↗',
};

function updateNode(id: string, label: string, change: (node: MappingNode) => MappingNode): void {
  useDocumentStore.getState().edit(label, (spec) => ({
    ...spec,
    nodes: spec.nodes.map((n) => (n.id === id ? change(n) : n)),
  }));
}

/** A function, value-map, constant, condition or reference node: typed ports with inline parameter editors. */
function OpNodeView({ data, selected }: NodeProps<OpFlowNode>) {
  const node = data.node;
  const functions = useFunctionsStore((s) => s.byId);
  const valueMap = useDocumentStore((s) => (node.kind === 'valueMap' ? s.spec?.valueMaps.find((m) => m.id === node.valueMapId) : undefined));
  const editValueMap = useViewStore((s) => s.editValueMap);
  const highlighted = useNodeHighlight(node.id);
  const ports = nodePorts(node, functions);
  const def = node.kind === 'function' ? functions.get(node.functionId) : undefined;

  let title: string;
  let body: React.ReactNode = null;
  switch (node.kind) {
    case 'function':
      title = node.label ?? def?.label ?? node.functionId;
      body = def?.params.length ? (
        <div className="op-node__params nodrag">
          {def.params.map((param) => {
            const value = node.params?.[param.name] ?? param.default ?? '';
            const set = (v: string | number | boolean) => updateNode(node.id, `Set ${param.name}`, (n) => (n.kind === 'function' ? { ...n, params: { ...n.params, [param.name]: v } } : n));
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
      ) : null;
      break;
    case 'valueMap':
      title = node.label ?? valueMap?.name ?? node.valueMapId;
      body = (
        <div className="op-node__vm">
          <span>{valueMap ? `${valueMap.entries.length} codes · unmapped: ${valueMap.unmapped.kind}` : 'missing value map'}</span>
          <button className="nodrag" data-testid={`edit-valuemap-${node.id}`} onClick={() => editValueMap(node.valueMapId)}>Edit table</button>
        </div>
      );
      break;
    case 'constant':
      title = node.label ?? 'Constant';
      body = (
        <CommitInput
          className="op-node__const nodrag"
          value={typeof node.value === 'string' ? node.value : JSON.stringify(node.value)}
          title="A string, or JSON (a number, true/false, an object)"
          onCommit={(text) => {
            let value: unknown = text;
            if (/^\s*[[{0-9tfn-]/.test(text)) { try { value = JSON.parse(text); } catch { value = text; } }
            updateNode(node.id, 'Set constant', (n) => (n.kind === 'constant' ? { ...n, value: value as typeof n.value } : n));
          }}
        />
      );
      break;
    case 'condition':
      title = node.label ?? 'Condition';
      body = (
        <CommitInput
          className="op-node__expr nodrag"
          value={node.expression}
          spellCheck={false}
          required
          onCommit={(text) => {
            const expression = text.trim();
            if (expression) updateNode(node.id, 'Set condition', (n) => (n.kind === 'condition' ? { ...n, expression } : n));
          }}
        />
      );
      break;
    case 'reference':
      title = node.label ?? `Reference to ${node.target}`;
      break;
  }

  return (
    <div
      className={`op-node op-node--${node.kind}${selected ? ' op-node--selected' : ''}${highlighted ? ' op-node--highlight' : ''}`}
      data-testid={`op-node-${node.id}`}
      data-node-kind={node.kind}
      title={def?.description}
    >
      <div className="op-node__header">
        <span className="op-node__kind">{KIND_LABEL[node.kind]}</span>
        <span className="op-node__title">{title}</span>
      </div>
      {body}
      <div className="op-node__ports">
        <div className="op-node__inputs">
          {ports.inputs.map((p) => (
            <div key={p.name} className="op-port op-port--in" data-port={p.name} title={`${p.name}: ${p.type}${p.many ? '[]' : ''}${p.optional ? ' (optional)' : ''}\n${p.description ?? ''}`}>
              <Handle type="target" position={Position.Left} id={p.name} className="port-handle" />
              <span>{p.name}</span><small>{p.type}</small>
            </div>
          ))}
        </div>
        <div className="op-node__outputs">
          {ports.outputs.map((p) => (
            <div key={p.name} className="op-port op-port--out" data-port={p.name} title={`${p.name}: ${p.type}\n${p.description ?? ''}`}>
              <small>{p.type}</small><span>{p.name}</span>
              <Handle type="source" position={Position.Right} id={p.name} className="port-handle" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

export const OpNode = memo(OpNodeView);
