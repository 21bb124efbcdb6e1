import { useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { selectCanRedo, selectCanUndo, selectDirty, useDocumentStore } from '../state/documentStore';
import { openFromFile, openWithDialog, saveDocument } from '../state/fileActions';
import { useStartStore } from '../state/startStore';
import { DocumentationMenu } from './DocumentationMenu';
import { usePreviewStore } from '../preview/previewStore';
import { extractSelection, inlineSelection, runAutoLayout } from '../canvas/mapActions';
import { toggleReview } from '../state/reviewActions';
import { useReviewStore } from '../state/reviewStore';

export function Toolbar() {
  const dirty = useDocumentStore(selectDirty);
  const canUndo = useDocumentStore(selectCanUndo);
  const canRedo = useDocumentStore(selectCanRedo);
  const name = useDocumentStore((s) => s.name);
  const hasDocument = useDocumentStore((s) => s.spec !== undefined);
  const undoLabel = useDocumentStore((s) => s.past[s.past.length - 1]?.label);
  const redoLabel = useDocumentStore((s) => s.future[0]?.label);
  const undo = useDocumentStore((s) => s.undo);
  const redo = useDocumentStore((s) => s.redo);
  const running = usePreviewStore((s) => s.running);
  const latency = usePreviewStore((s) => s.lastLatency);
  const flow = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const reviewing = useReviewStore((s) => s.open);
  const openSettings = () => useReviewStore.getState().set({ settingsOpen: true });

  return (
    <header className="toolbar" role="toolbar" aria-label="Mapping">
      <div className="toolbar__brand">Crosswalk</div>
      <div className="toolbar__group">
        <button onClick={() => openWithDialog(() => fileInput.current?.click())} title="Open a mapping bundle (Ctrl+O)" data-testid="open">Open…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="open-file"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void openFromFile(f); }} />
        <button onClick={() => void saveDocument()} title="Save (Ctrl+S)" data-testid="save">Save</button>
        <button onClick={() => void saveDocument(true)} title="Export the bundle file the runtime runs" data-testid="export">Export…</button>
        <button onClick={() => useStartStore.getState().showStart(true)} title="The start page: a new mapping, one from the HL7 v2-to-FHIR IG, the examples, recent files" data-testid="start">Start page</button>
        <DocumentationMenu />
      </div>
      <div className="toolbar__group">
        <button onClick={undo} disabled={!canUndo} title={`Undo ${undoLabel ?? ''} (Ctrl+Z)`} data-testid="undo">↶ Undo</button>
        <button onClick={redo} disabled={!canRedo} title={`Redo ${redoLabel ?? ''} (Ctrl+Shift+Z)`} data-testid="redo">↷ Redo</button>
      </div>
      <div className="toolbar__group">
        <button onClick={() => { runAutoLayout(); setTimeout(() => void flow.fitView({ padding: 0.06, duration: 200, maxZoom: 1 }), 50); }} title="Arrange this map's nodes in columns">Auto-layout</button>
        <button onClick={() => void flow.fitView({ padding: 0.06, duration: 200, maxZoom: 1 })} title="Fit the whole map in view" data-testid="fit-view">Fit view</button>
      </div>
      <div className="toolbar__group">
        <button onClick={() => extractSelection(flow)} title="Move the selected nodes into a new segment or data type map, called from here (Ctrl+Shift+E)" data-testid="extract-map">Extract map</button>
        <button onClick={() => inlineSelection(flow)} title="Replace the selected map call with the map's nodes and links (Ctrl+Shift+L)" data-testid="inline-map">Inline map</button>
      </div>
      <div className="toolbar__group">
        <button onClick={() => toggleReview()} aria-pressed={reviewing} title="Review every value map: approve, question, sign off (Ctrl+Shift+R)" data-testid="review-mode">{reviewing ? '◧ Canvas' : '✓ Review'}</button>
        <button onClick={openSettings} title="Settings: who you are in review" aria-label="Settings" data-testid="settings">⚙</button>
      </div>
      <div className="toolbar__doc" data-testid="document-title">
        <span className="toolbar__name" title={hasDocument ? name : undefined}>{hasDocument ? name : 'No mapping open'}</span>
        {!hasDocument ? null : dirty ? <span className="dirty-dot" data-testid="dirty-indicator" title="Unsaved changes">● unsaved</span> : <span className="muted">saved</span>}
      </div>
      <div className="toolbar__status" data-testid="status">
        {running ? 'Running…' : latency !== undefined ? `Preview ${Math.round(latency)} ms` : ''}
      </div>
    </header>
  );
}
