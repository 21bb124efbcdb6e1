import { useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { selectCanRedo, selectCanUndo, selectDirty, useDocumentStore } from '../state/documentStore';
import { openExample, openFromFile, openWithDialog, saveDocument } from '../state/fileActions';
import { usePreviewStore } from '../preview/previewStore';
import { autoLayout } from '../canvas/autoLayout';
import { useViewStore } from '../state/viewStore';
import { SCHEMA_HEIGHT, SCHEMA_WIDTH, TARGET_HEIGHT } from '../canvas/specToFlow';

export function runAutoLayout(): void {
  const windows = useViewStore.getState().windows;
  useDocumentStore.getState().edit('Auto-layout', (spec) => autoLayout(spec, {
    schemaWidth: SCHEMA_WIDTH, sourceHeight: SCHEMA_HEIGHT + 180, targetHeight: TARGET_HEIGHT,
    rowIndex: (nodeId, path) => windows[nodeId]?.index.get(path),
  }));
}

export function Toolbar() {
  const dirty = useDocumentStore(selectDirty);
  const canUndo = useDocumentStore(selectCanUndo);
  const canRedo = useDocumentStore(selectCanRedo);
  const name = useDocumentStore((s) => s.name);
  const undoLabel = useDocumentStore((s) => s.past[s.past.length - 1]?.label);
  const redoLabel = useDocumentStore((s) => s.future[0]?.label);
  const undo = useDocumentStore((s) => s.undo);
  const redo = useDocumentStore((s) => s.redo);
  const running = usePreviewStore((s) => s.running);
  const latency = usePreviewStore((s) => s.lastLatency);
  const flow = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <header className="toolbar" role="toolbar" aria-label="Mapping">
      <div className="toolbar__brand">Crosswalk</div>
      <div className="toolbar__group">
        <button onClick={() => openWithDialog(() => fileInput.current?.click())} title="Open a mapping bundle (Ctrl+O)" data-testid="open">Open…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="open-file"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void openFromFile(f); }} />
        <button onClick={() => void saveDocument()} title="Save (Ctrl+S)" data-testid="save">Save</button>
        <button onClick={() => void saveDocument(true)} title="Export the bundle file the runtime runs" data-testid="export">Export…</button>
        <button onClick={() => void openExample()} title="Open the ADT^A01 → FHIR example">Example</button>
      </div>
      <div className="toolbar__group">
        <button onClick={undo} disabled={!canUndo} title={`Undo ${undoLabel ?? ''} (Ctrl+Z)`} data-testid="undo">↶ Undo</button>
        <button onClick={redo} disabled={!canRedo} title={`Redo ${redoLabel ?? ''} (Ctrl+Shift+Z)`} data-testid="redo">↷ Redo</button>
      </div>
      <div className="toolbar__group">
        <button onClick={() => { runAutoLayout(); setTimeout(() => void flow.fitView({ padding: 0.08, duration: 200 }), 50); }} title="Arrange nodes in columns">Auto-layout</button>
        <button onClick={() => void flow.fitView({ padding: 0.08, duration: 200 })} title="Fit the whole mapping in view" data-testid="fit-view">Fit view</button>
      </div>
      <div className="toolbar__doc" data-testid="document-title">
        <span className="toolbar__name">{name}</span>
        {dirty ? <span className="dirty-dot" data-testid="dirty-indicator" title="Unsaved changes">● unsaved</span> : <span className="muted">saved</span>}
      </div>
      <div className="toolbar__status" data-testid="status">
        {running ? 'Running…' : latency !== undefined ? `Preview ${Math.round(latency)} ms` : ''}
      </div>
    </header>
  );
}
