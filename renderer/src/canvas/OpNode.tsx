import { memo, useMemo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { nodePortsOf } from '../../../shared/common/mapping/nodes/nodeKinds';
import type { MappingNode } from '../../../shared/common/mapping/spec/MappingSpec';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useFunctionsStore } from '../state/functionsStore';
import { portEnvOf } from './portEnv';
import { nodeViewOf } from './nodes/nodeViews';
import { useHighlight } from './useRowDecorations';

export interface OpNodeData extends Record<string, unknown> {
  node: MappingNode;
  mapId: string;
}

export type OpFlowNode = Node<OpNodeData, 'op'>;

/**
 * Any node of the mapping: the header (its kind's sign and title) and its typed ports, drawn the
 * same for every kind from the engine's port definitions (nodePortsOf), with the kind's own body
 * (parameters, an expression, a table summary) between them.
 */
function OpNodeView({ data, selected }: NodeProps<OpFlowNode>) {
  const { node, mapId } = data;
  const functions = useFunctionsStore((s) => s.byId);
  const spec = useDocumentStore((s) => s.spec);
  const map = useDocumentStore(selectMap);
  const highlight = useHighlight();
  const highlighted = highlight.nodes.has(node.id);
  // A map call a traced value went through: the value was written inside the map it opens.
  const onTrace = highlight.calls.has(node.id);
  const view = nodeViewOf(node);
  const ports = useMemo(() => nodePortsOf(node, portEnvOf(functions, spec)), [node, functions, spec]);
  const context = spec && map ? { spec, map, functions } : undefined;
  const title = context ? view.title(node, context) : node.id;
  const Body = view.Body;

  return (
    <div
      className={`op-node op-node--${node.kind}${selected ? ' op-node--selected' : ''}${highlighted ? ' op-node--highlight' : ''}${onTrace ? ' op-node--on-trace' : ''}`}
      data-testid={`op-node-${node.id}`}
      data-node-kind={node.kind}
      data-on-trace={onTrace ? 'true' : undefined}
      title={context ? view.description?.(node, context) : undefined}
    >
      <div className="op-node__header">
        <span className="op-node__kind">{view.icon}</span>
        <span className="op-node__title">{title}</span>
      </div>
      {Body ? <Body node={node} mapId={mapId} /> : null}
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
