import type { ReactFlowInstance } from '@xyflow/react';
import { extractMap } from '../../../shared/common/mapping/edit/extractMap';
import { inlineMap } from '../../../shared/common/mapping/edit/inlineMap';
import { setMapLayout } from '../../../shared/common/mapping/edit/mapEdits';
import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useFunctionsStore } from '../state/functionsStore';
import { loadedSchemaRows } from '../state/schemaRows';
import { useViewStore } from '../state/viewStore';
import { layoutMap } from './layoutMap';

type Flow = Pick<ReactFlowInstance, 'getNodes' | 'getEdges'>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The selected op nodes and links of the canvas. */
export function canvasSelection(flow: Flow): { nodes: string[]; links: string[] } {
  return {
    nodes: flow.getNodes().filter((n) => n.selected && n.type === 'op').map((n) => n.id),
    links: flow.getEdges().filter((e) => e.selected).map((e) => e.id),
  };
}

/** The one selected map call, if that is what is selected. */
export function selectedCall(flow: Flow): string | undefined {
  const map = selectMap(useDocumentStore.getState());
  const { nodes } = canvasSelection(flow);
  const node = nodes.length === 1 ? map?.nodes.find((n) => n.id === nodes[0]) : undefined;
  return node?.kind === 'call' ? node.id : undefined;
}

/** Extract map: the selection becomes a new map and one call of it, as one undo step. */
export function extractSelection(flow: Flow): void {
  const doc = useDocumentStore.getState();
  const view = useViewStore.getState();
  if (!doc.spec) return;
  const selection = canvasSelection(flow);
  try {
    const made = extractMap(doc.spec, doc.mapId, selection, loadedSchemaRows);
    doc.edit(`Extract ${made.mapId}`, () => made.spec);
    view.setFocus({ kind: 'node', id: made.nodeId });
    view.toast('info', `${selection.nodes.length} node${selection.nodes.length === 1 ? '' : 's'} moved into the new map ${made.mapId}; double-click its call to open it.`);
  } catch (error) {
    view.toast('error', `Extract map: ${message(error)}`);
  }
}

/** Inline map: the selected call is replaced by the called map's nodes and links, as one undo step. */
export function inlineSelection(flow: Flow): void {
  const doc = useDocumentStore.getState();
  const view = useViewStore.getState();
  const callId = selectedCall(flow);
  const call = callId ? selectMap(doc)?.nodes.find((n) => n.id === callId) : undefined;
  if (!doc.spec || !call || call.kind !== 'call') {
    view.toast('error', 'Inline map: select one map call first.');
    return;
  }
  try {
    const made = inlineMap(doc.spec, doc.mapId, call.id, loadedSchemaRows);
    doc.edit(`Inline ${call.map}`, () => made.spec);
    view.setFocus(undefined);
    view.toast('info', `${call.map} inlined: ${made.nodeIds.length} node${made.nodeIds.length === 1 ? '' : 's'} in its place.`);
  } catch (error) {
    view.toast('error', `Inline map: ${message(error)}`);
  }
}

/** Auto-layout of the current map, as one undo step. */
export function runAutoLayout(): void {
  const doc = useDocumentStore.getState();
  const { spec, mapId } = doc;
  const map = spec ? findMap(spec, mapId) : undefined;
  if (!spec || !map) return;
  const layout = layoutMap(spec, map, useFunctionsStore.getState().byId, useViewStore.getState().windows);
  doc.edit('Auto-layout', (s) => setMapLayout(s, mapId, layout));
}
