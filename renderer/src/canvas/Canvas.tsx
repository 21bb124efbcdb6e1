import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, ControlButton, Controls, MiniMap, ReactFlow, applyNodeChanges, useNodesInitialized, useReactFlow,
  type Connection, type Edge, type EdgeChange, type FinalConnectionState, type Node, type NodeChange, type NodeMouseHandler, type OnNodeDrag, type OnSelectionChangeParams,
} from '@xyflow/react';
import { mapTypes } from '../../../shared/common/mapping/compile/compileMapping';
import { nodePortsOf } from '../../../shared/common/mapping/nodes/nodeKinds';
import { hl7InputOf, mapLayout, type MapDefinition, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { dropFromLayout, setNodePosition, updateMap } from '../../../shared/common/mapping/edit/mapEdits';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useViewStore, resolveRowHandle, viewKey } from '../state/viewStore';
import { useFunctionsStore } from '../state/functionsStore';
import { findSchemaNode, keyOfRef, useSchemaStore } from '../state/schemaStore';
import { SchemaNode } from '../schema/SchemaNode';
import { nearestVisible } from '../schema/flattenTree';
import { OpNode } from './OpNode';
import { mapToEdges, mapToNodes } from './specToFlow';
import { checkConnection, type ConnectionContext } from './checkConnection';
import { portEnvOf } from './portEnv';
import { useHighlight } from './useRowDecorations';
import { PALETTE_MIME, newNodeFromPalette, type PaletteEntry } from './paletteItems';
import { layoutMap, schemaHeights } from './layoutMap';
import { addLibraryMapCall, LIBRARY_MIME } from '../state/mapLibrary';
import { ResourcesMenu } from './ResourcesMenu';

// Defined once at module level: React Flow remounts every node when this object changes identity.
const nodeTypes = { schema: SchemaNode, op: OpNode };

export function connectionContext(spec: MappingSpec, map: MapDefinition): ConnectionContext {
  const schemas = useSchemaStore.getState().schemas;
  const env = portEnvOf(useFunctionsStore.getState().byId, spec);
  return {
    field(nodeId, path) {
      const owner = map.sources.find((s) => s.id === nodeId) ?? map.targets.find((t) => t.id === nodeId);
      if (!owner) return undefined;
      const loaded = schemas[keyOfRef(owner.schema)];
      if (!loaded || loaded === 'loading' || 'error' in loaded) return undefined;
      return findSchemaNode(loaded, path);
    },
    ports(nodeId) {
      const node = map.nodes.find((n) => n.id === nodeId);
      return node ? nodePortsOf(node, env) : undefined;
    },
    callee(nodeId) {
      const node = map.nodes.find((n) => n.id === nodeId);
      if (!node || node.kind !== 'call') return undefined;
      const callee = spec.maps.find((m) => m.id === node.map);
      const input = callee ? hl7InputOf(callee.sources[0].schema) : undefined;
      if (!callee || !input) return undefined;
      return { map: callee.id, level: input.level, input: input.name, output: mapTypes(callee).output };
    },
  };
}

/** The frame request already carried out: the canvas shown again (back from the table) keeps the analyst's view. */
let framedNonce = 0;

/** The mapping canvas: a view of the current map of the spec, editing it only through the document store. */

export function Canvas() {
  const spec = useDocumentStore((s) => s.spec);
  const map = useDocumentStore(selectMap);
  const mapId = useDocumentStore((s) => s.mapId);
  const edit = useDocumentStore((s) => s.edit);
  const windows = useViewStore((s) => s.windows);
  const toast = useViewStore((s) => s.toast);
  const setFocus = useViewStore((s) => s.setFocus);
  const functions = useFunctionsStore((s) => s.byId);
  const highlight = useHighlight();
  const flow = useReactFlow();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [nodes, setNodes] = useState<Node[]>([]);
  const lastReason = useRef<string | undefined>(undefined);
  const [showMap, setShowMap] = useState(true);
  const layout = useMemo(() => (spec ? mapLayout(spec, mapId) : { nodes: [] }), [spec, mapId]);

  // A map opened for the first time (written by hand, extracted, or from a library) is laid out
  // once, when the function library is there to size its function nodes.
  const unplaced = spec !== undefined && map !== undefined && spec.layout?.maps[mapId] === undefined;
  const functionsReady = useFunctionsStore((s) => s.functions.length > 0 || s.error !== undefined);
  useEffect(() => {
    if (!unplaced || !spec || !map) return;
    if (!functionsReady && map.nodes.some((n) => n.kind === 'function')) return;
    useDocumentStore.getState().placeLayout(mapId, layoutMap(spec, map, functions));
  }, [unplaced, spec, map, mapId, functions, functionsReady]);

  // Links and nodes are per map: what was selected or pointed at in another map means nothing here.
  useEffect(() => {
    setSelected(new Set());
    const focus = useViewStore.getState().focus;
    if (focus && focus.kind !== 'trace' && focus.map !== mapId) setFocus(undefined);
  }, [mapId, setFocus]);

  // The spec is the truth; local node state only carries what React Flow measures and drags.
  const shownMap = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!map) return;
    // A node of another map with the same id (every map has `in` and `out`) is not this one.
    const sameMap = shownMap.current === map.id;
    shownMap.current = map.id;
    setNodes((current) => {
      const measured = new Map(sameMap ? current.map((n) => [n.id, n]) : []);
      return mapToNodes(map, layout, selected, schemaHeights(map)).map((n) => {
        const was = measured.get(n.id);
        return was ? { ...n, measured: was.measured, width: was.width, height: was.height, dragging: was.dragging } : n;
      });
    });
  }, [map, layout, selected]);

  // On opening a map, frame it: a map fits the screen at a readable zoom; a very large one (a
  // whole flat mapping) is framed on its source and first target, and the mini-map shows the rest.
  const framed = useRef<unknown>(undefined);
  const measured = useNodesInitialized();
  const opened = useDocumentStore((s) => s.opened);
  // Asked to show some nodes of this map (a link opened from the table): frame them instead, once.
  const frame = useViewStore((s) => s.frame);
  useEffect(() => {
    if (!map || unplaced || nodes.length === 0 || !measured || !frame || frame.what.mapId !== mapId || framedNonce === frame.nonce) return;
    framedNonce = frame.nonce;
    framed.current = `${opened}|${mapId}`;
    const ids = frame.what.nodes.filter((id) => nodes.some((n) => n.id === id));
    requestAnimationFrame(() => requestAnimationFrame(() => {
      void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.08, maxZoom: 1, minZoom: 0.3, duration: 200 });
    }));
  }, [frame, opened, map, mapId, unplaced, nodes, flow, measured]);
  useEffect(() => {
    if (!map || unplaced || nodes.length === 0 || !measured) return;
    const key = `${opened}|${mapId}`;
    if (framed.current === key) return;
    framed.current = key;
    // Every box counts (a message map of 26 resources has few operation nodes): past 25, the whole
    // map at a readable zoom does not fit, so the opening frames the source and the first target.
    const large = nodes.length > 25;
    const focusIds = large ? [map.sources[0]?.id, map.targets[0]?.id].filter((x): x is string => x !== undefined) : undefined;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      void flow.fitView({ ...(focusIds ? { nodes: focusIds.map((id) => ({ id })) } : {}), padding: large ? 0.04 : 0.06, maxZoom: 1, minZoom: 0.3 });
    }));
  }, [opened, map, mapId, unplaced, nodes.length, flow, measured]);

  const rowHandle = useCallback(
    (nodeId: string, path: string) => resolveRowHandle(windows[viewKey(mapId, nodeId)], path, (p, w) => nearestVisible(p, w.index, w.parents)),
    [windows, mapId],
  );
  // A link chosen in the Link panel is selected on the canvas too, so Delete acts on it.
  const focus = useViewStore((s) => s.focus);
  const selectedEdges = useMemo(
    () => (focus?.kind === 'link' && !selected.has(focus.id) ? new Set([...selected, focus.id]) : selected),
    [focus, selected],
  );
  const edges: Edge[] = useMemo(
    () => (map ? mapToEdges(map, rowHandle, selectedEdges, highlight.links) : []),
    [map, rowHandle, selectedEdges, highlight],
  );

  // The selection set is the one truth of what is selected: React Flow's (de)selections of nodes
  // and links (a click, a click on the pane) update it, and the nodes and edges are drawn from it.
  const select = useCallback((picks: ReadonlyArray<{ id: string; selected: boolean }>) => {
    if (picks.length === 0) return;
    setSelected((prev) => {
      const next = new Set(prev);
      for (const c of picks) if (c.selected) next.add(c.id); else next.delete(c.id);
      return next.size === prev.size && [...next].every((id) => prev.has(id)) ? prev : next;
    });
  }, []);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    // Removals go through the spec (onDelete); the node list is rebuilt from it.
    select(changes.flatMap((c) => (c.type === 'select' ? [c] : [])));
    const local = changes.filter((c) => c.type !== 'remove' && c.type !== 'select');
    if (local.length > 0) setNodes((current) => applyNodeChanges(local, current));
  }, [select]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    select(changes.flatMap((c) => (c.type === 'select' ? [c] : [])));
  }, [select]);

  const onNodeDragStop: OnNodeDrag = useCallback((_event, _node, dragged) => {
    edit('Move', (s) => dragged.reduce((acc, n) => setNodePosition(acc, mapId, n.id, n.position.x, n.position.y), s));
  }, [edit, mapId]);

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const doc = useDocumentStore.getState();
    const current = selectMap(doc);
    if (!current || !doc.spec) return false;
    const verdict = checkConnection(current, {
      source: connection.source, sourceHandle: connection.sourceHandle ?? null,
      target: connection.target, targetHandle: connection.targetHandle ?? null,
    }, connectionContext(doc.spec, current));
    lastReason.current = verdict.ok ? undefined : verdict.reason;
    return verdict.ok;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const doc = useDocumentStore.getState();
    const current = selectMap(doc);
    if (!current || !doc.spec) return;
    const verdict = checkConnection(current, connection, connectionContext(doc.spec, current));
    if (!verdict.ok) {
      toast('error', verdict.reason);
      return;
    }
    doc.editMap(`Link ${verdict.link.id}`, (m) => ({ ...m, links: [...m.links, verdict.link] }));
    setFocus({ kind: 'link', id: verdict.link.id });
  }, [toast, setFocus]);

  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // Dropped on a handle that refused: say why, in the analyst's terms.
    if (state.toHandle && !state.isValid && lastReason.current) toast('error', lastReason.current);
    lastReason.current = undefined;
  }, [toast]);

  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
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
    edit(nodeIds.size > 0 ? 'Delete nodes' : 'Delete link', (s) => dropFromLayout(updateMap(s, mapId, (m) => ({
      ...m,
      nodes: m.nodes.filter((x) => !nodeIds.has(x.id)),
      links: m.links.filter((l) => !edgeIds.has(l.id) && !('node' in l.from && nodeIds.has(l.from.node)) && !('node' in l.to && nodeIds.has(l.to.node))),
    })), mapId, nodeIds));
    setFocus(undefined);
  }, [edit, setFocus, mapId]);

  // A double-click on a map call opens the map it calls.
  const onNodeDoubleClick: NodeMouseHandler = useCallback((_event, node) => {
    const data = node.data as { node?: { kind: string; map?: string } };
    if (node.type === 'op' && data.node?.kind === 'call' && data.node.map) useDocumentStore.getState().openMap(data.node.map);
  }, []);

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME) || event.dataTransfer.types.includes(LIBRARY_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((event: React.DragEvent) => {
    const raw = event.dataTransfer.getData(PALETTE_MIME);
    const library = event.dataTransfer.getData(LIBRARY_MIME);
    if (!raw && !library) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    if (library) {
      addLibraryMapCall(library, at);
      return;
    }
    const entry = JSON.parse(raw) as PaletteEntry;
    const doc = useDocumentStore.getState();
    if (!doc.spec) return;
    const made = newNodeFromPalette(doc.spec, doc.mapId, entry, at, useFunctionsStore.getState().byId);
    doc.edit(`Add ${entry.label}`, () => made.spec);
    setFocus({ kind: 'node', id: made.nodeId });
    if (made.editValueMap !== undefined) useViewStore.getState().editValueMap(made.editValueMap);
  }, [flow, setFocus]);

  if (!spec || !map) return <div className="canvas-empty">Opening the mapping…</div>;

  return (
    <div className="canvas-column">
      <div className="canvas" data-testid="canvas" data-map-id={mapId} onDragOver={onDragOver} onDrop={onDrop}>
        <ResourcesMenu />
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onSelectionChange={onSelectionChange}
          onDelete={onDelete}
          onNodeDoubleClick={onNodeDoubleClick}
          onPaneClick={() => setFocus(undefined)}
          deleteKeyCode={['Delete', 'Backspace']}
          zoomOnDoubleClick={false}
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
    </div>
  );
}
