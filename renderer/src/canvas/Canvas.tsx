import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, ControlButton, Controls, MiniMap, ReactFlow, applyNodeChanges, useNodesInitialized, useReactFlow,
  type Connection, type Edge, type FinalConnectionState, type Node, type NodeChange, type OnNodeDrag, type OnSelectionChangeParams,
} from '@xyflow/react';
import { useDocumentStore } from '../state/documentStore';
import { useViewStore, resolveRowHandle } from '../state/viewStore';
import { useFunctionsStore } from '../state/functionsStore';
import { findSchemaNode, useSchemaStore } from '../state/schemaStore';
import { SchemaNode } from '../schema/SchemaNode';
import { nearestVisible } from '../schema/flattenTree';
import { OpNode } from './OpNode';
import { keyOf, schemaRefKey, specToEdges, specToNodes } from './specToFlow';
import { checkConnection, type ConnectionContext } from './checkConnection';
import { nodePorts } from './nodePorts';
import { useHighlight } from './useRowDecorations';
import { PALETTE_MIME, newNodeFromPalette, type PaletteItem } from './paletteItems';
import { setNodePosition } from './layoutEdits';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

// Defined once at module level: React Flow remounts every node when this object changes identity.
const nodeTypes = { schema: SchemaNode, op: OpNode };

export function connectionContext(spec: MappingSpec): ConnectionContext {
  const schemas = useSchemaStore.getState().schemas;
  const functions = useFunctionsStore.getState().byId;
  return {
    field(nodeId, path) {
      const owner = spec.sources.find((s) => s.id === nodeId) ?? spec.targets.find((t) => t.id === nodeId);
      if (!owner) return undefined;
      const loaded = schemas[keyOf(schemaRefKey(owner.schema))];
      if (!loaded || loaded === 'loading' || 'error' in loaded) return undefined;
      return findSchemaNode(loaded, path);
    },
    ports(nodeId) {
      const node = spec.nodes.find((n) => n.id === nodeId);
      return node ? nodePorts(node, functions) : undefined;
    },
  };
}

/** The mapping canvas: a view of the spec in the document store, editing it only through `edit`. */
export function Canvas() {
  const spec = useDocumentStore((s) => s.spec);
  const edit = useDocumentStore((s) => s.edit);
  const windows = useViewStore((s) => s.windows);
  const toast = useViewStore((s) => s.toast);
  const setFocus = useViewStore((s) => s.setFocus);
  const highlight = useHighlight();
  const flow = useReactFlow();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [nodes, setNodes] = useState<Node[]>([]);
  const lastReason = useRef<string | undefined>(undefined);
  const [showMap, setShowMap] = useState(true);

  // The spec is the truth; local node state only carries what React Flow measures and drags.
  useEffect(() => {
    if (!spec) return;
    setNodes((current) => {
      const measured = new Map(current.map((n) => [n.id, n]));
      return specToNodes(spec, selected).map((n) => {
        const was = measured.get(n.id);
        return was ? { ...n, measured: was.measured, width: was.width, height: was.height, dragging: was.dragging } : n;
      });
    });
  }, [spec, selected]);

  // On open, frame the source and the first target at a readable zoom (a whole large mapping
  // fitted at once is too small to work on; the mini-map and Fit view show the rest).
  const bundle = useDocumentStore((s) => s.bundle);
  const framed = useRef<unknown>(undefined);
  const measured = useNodesInitialized();
  useEffect(() => {
    // Wait for React Flow to measure the nodes: fitting unmeasured ones would cut the targets off.
    if (!spec || framed.current === bundle || nodes.length === 0 || !measured) return;
    framed.current = bundle;
    const focusIds = [spec.sources[0]?.id, spec.targets[0]?.id].filter((x): x is string => x !== undefined);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      void flow.fitView({ nodes: focusIds.map((id) => ({ id })), padding: 0.04, maxZoom: 1, minZoom: 0.3 });
    }));
  }, [bundle, spec, nodes.length, flow, measured]);

  const rowHandle = useCallback(
    (nodeId: string, path: string) => resolveRowHandle(windows[nodeId], path, (p, w) => nearestVisible(p, w.index, w.parents)),
    [windows],
  );
  // A link chosen in the Link panel is selected on the canvas too, so Delete acts on it.
  const focus = useViewStore((s) => s.focus);
  const selectedEdges = useMemo(
    () => (focus?.kind === 'link' && !selected.has(focus.id) ? new Set([...selected, focus.id]) : selected),
    [focus, selected],
  );
  const edges: Edge[] = useMemo(
    () => (spec ? specToEdges(spec, rowHandle, selectedEdges, highlight.links) : []),
    [spec, rowHandle, selectedEdges, highlight],
  );

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    // Removals go through the spec (onDelete); the node list is rebuilt from it.
    const local = changes.filter((c) => c.type !== 'remove');
    if (local.length > 0) setNodes((current) => applyNodeChanges(local, current));
  }, []);

  const onNodeDragStop: OnNodeDrag = useCallback((_event, _node, dragged) => {
    edit('Move', (s) => dragged.reduce((acc, n) => setNodePosition(acc, n.id, n.position.x, n.position.y), s));
  }, [edit]);

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const current = useDocumentStore.getState().spec;
    if (!current) return false;
    const verdict = checkConnection(current, {
      source: connection.source, sourceHandle: connection.sourceHandle ?? null,
      target: connection.target, targetHandle: connection.targetHandle ?? null,
    }, connectionContext(current));
    lastReason.current = verdict.ok ? undefined : verdict.reason;
    return verdict.ok;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const current = useDocumentStore.getState().spec;
    if (!current) return;
    const verdict = checkConnection(current, connection, connectionContext(current));
    if (!verdict.ok) {
      toast('error', verdict.reason);
      return;
    }
    edit(`Link ${verdict.link.id}`, (s) => ({ ...s, links: [...s.links, verdict.link] }));
    setFocus({ kind: 'link', id: verdict.link.id });
  }, [edit, toast, setFocus]);

  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // Dropped on a handle that refused: say why, in the analyst's terms.
    if (state.toHandle && !state.isValid && lastReason.current) toast('error', lastReason.current);
    lastReason.current = undefined;
  }, [toast]);

  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    const next = new Set([...n.map((x) => x.id), ...e.map((x) => x.id)]);
    setSelected((prev) => (prev.size === next.size && [...next].every((id) => prev.has(id)) ? prev : next));
    if (e.length === 1 && n.length === 0) {
      setFocus({ kind: 'link', id: e[0].id });
      useViewStore.getState().setBottomTab('link');
    }
    else if (n.length === 1 && e.length === 0 && n[0].type === 'op') setFocus({ kind: 'node', id: n[0].id });
  }, [setFocus]);

  const onDelete = useCallback(({ nodes: n, edges: e }: { nodes: Node[]; edges: Edge[] }) => {
    const nodeIds = new Set(n.filter((x) => x.type === 'op').map((x) => x.id));
    const edgeIds = new Set(e.map((x) => x.id));
    if (nodeIds.size === 0 && edgeIds.size === 0) return;
    edit(nodeIds.size > 0 ? 'Delete nodes' : 'Delete link', (s) => ({
      ...s,
      nodes: s.nodes.filter((x) => !nodeIds.has(x.id)),
      links: s.links.filter((l) => !edgeIds.has(l.id) && !('node' in l.from && nodeIds.has(l.from.node)) && !('node' in l.to && nodeIds.has(l.to.node))),
      layout: s.layout ? { ...s.layout, nodes: s.layout.nodes.filter((x) => !nodeIds.has(x.id)) } : s.layout,
    }));
    setFocus(undefined);
  }, [edit, setFocus]);

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((event: React.DragEvent) => {
    const raw = event.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    event.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const current = useDocumentStore.getState().spec;
    if (!current) return;
    const { spec: next, nodeId, valueMapId } = newNodeFromPalette(current, item, at);
    edit(`Add ${item.label}`, () => next);
    setFocus({ kind: 'node', id: nodeId });
    if (valueMapId !== undefined) useViewStore.getState().editValueMap(valueMapId);
  }, [edit, flow, setFocus]);

  if (!spec) return <div className="canvas-empty">Opening the mapping…</div>;

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelectionChange}
        onDelete={onDelete}
        onPaneClick={() => setFocus(undefined)}
        deleteKeyCode={['Delete', 'Backspace']}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={false}
        connectionRadius={24}
      >
        <Background gap={24} size={1} />
        {showMap ? <MiniMap pannable zoomable style={{ width: 150, height: 96 }} nodeStrokeWidth={2} nodeColor={(n) => (n.type === 'schema' ? '#cbd5e1' : '#a5b4fc')} /> : null}
        <Controls showInteractive={false}>
          <ControlButton onClick={() => setShowMap((v) => !v)} title={showMap ? 'Hide the mini-map' : 'Show the mini-map'} aria-label="Toggle the mini-map">▦</ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
