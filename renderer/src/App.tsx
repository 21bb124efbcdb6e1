import { lazy, Suspense, useEffect, useMemo } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Toolbar } from './panels/Toolbar';
import { Palette } from './panels/Palette';
import { Canvas } from './canvas/Canvas';
import { PreviewPanel } from './panels/PreviewPanel';
import { TestsPanel } from './panels/TestsPanel';
import { LinkDetails } from './panels/LinkDetails';
import { StructurePanel } from './panels/StructurePanel';
import { Toasts } from './panels/Toasts';
import { ValueMapEditor } from './valuemaps/ValueMapEditor';
import { CoveragePanel } from './coverage/CoveragePanel';
import { useCoverageStore } from './coverage/coverageStore';
import { MainBar } from './panels/MainBar';
import { MappingTable } from './table/MappingTable';
import { useDocumentStore, selectDirty, selectMap } from './state/documentStore';
import { useViewStore, viewKey } from './state/viewStore';
import { usePreviewStore } from './preview/previewStore';
import { schemaRefKey, useSchemaStore } from './state/schemaStore';
import { openRecentFile, persistSamples, saveDocument } from './state/fileActions';
import { launchStudio, useStartStore } from './state/startStore';
import { useShortcuts } from './useShortcuts';
import { getStudio } from './state/studio';
import { startReview } from './state/reviewActions';
import { useReviewStore } from './state/reviewStore';
import { ReviewerSettings } from './review/ReviewerSettings';

// Split off: the canvas is interactive before the editor's code has even arrived.
const SampleEditor = lazy(() => import('./panels/SampleEditor').then((m) => ({ default: m.SampleEditor })));
// Split off too: a launch that opens an example never loads them.
const StartPage = lazy(() => import('./start/StartPage').then((m) => ({ default: m.StartPage })));
const NewMappingDialog = lazy(() => import('./start/NewMappingDialog').then((m) => ({ default: m.NewMappingDialog })));
const IgStartDialog = lazy(() => import('./start/IgStartDialog').then((m) => ({ default: m.IgStartDialog })));
const ReviewView = lazy(() => import('./review/ReviewView').then((m) => ({ default: m.ReviewView })));

/** Keeps the derived things in step with the spec: schema trees loaded, preview re-run, host told. */
function useDocumentEffects(): void {
  const spec = useDocumentStore((s) => s.spec);
  const map = useDocumentStore(selectMap);
  const sampleText = useDocumentStore((s) => s.samples[s.activeSample]?.text);
  const dirty = useDocumentStore(selectDirty);
  const name = useDocumentStore((s) => s.name);
  const ensure = useSchemaStore((s) => s.ensure);
  const request = usePreviewStore((s) => s.request);

  useEffect(() => {
    if (!map) return;
    for (const item of [...map.sources, ...map.targets]) ensure(schemaRefKey(item.schema));
  }, [map, ensure]);

  // Moving a box changes the layout, not what the mapping does: no new preview run for it.
  const maps = spec?.maps;
  const valueMaps = spec?.valueMaps;
  const settings = spec?.settings;
  const format = spec?.format;
  const mapping = useMemo(() => (maps && valueMaps && settings && format ? { format, maps, valueMaps, settings } : undefined), [format, maps, valueMaps, settings]);
  useEffect(() => {
    if (mapping && sampleText !== undefined) request(mapping, sampleText);
  }, [mapping, sampleText, request]);

  const samples = useDocumentStore((s) => s.samples);
  useEffect(() => { if (samples.length > 0) persistSamples(); }, [samples]);

  const requestCoverage = useCoverageStore((s) => s.request);
  const opened = useDocumentStore((s) => s.opened);
  useEffect(() => useCoverageStore.getState().reset(), [opened]);
  useEffect(() => {
    if (mapping) requestCoverage(mapping, samples);
  }, [mapping, samples, requestCoverage]);

  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} — Crosswalk`;
    getStudio().setDocumentState({ title: name, dirty }).catch(() => undefined);
  }, [dirty, name]);
}

/** Restores the expanded rows a map's layout keeps when the map is first shown. */
function useLayoutExpansion(): void {
  const opened = useDocumentStore((s) => s.opened);
  const mapId = useDocumentStore((s) => s.mapId);
  useEffect(() => {
    const spec = useDocumentStore.getState().spec;
    if (!spec) return;
    const view = useViewStore.getState();
    for (const entry of spec.layout?.maps[mapId]?.nodes ?? []) {
      const key = viewKey(mapId, entry.id);
      if (entry.expanded?.length && view.expanded[key] === undefined) view.expandAll(key, entry.expanded);
    }
  }, [opened, mapId]);
}

function useHostCommands(): void {
  const flow = useReactFlow();
  useEffect(() => getStudio().onHostCommand((command) => {
    const doc = useDocumentStore.getState();
    switch (command.command) {
      case 'undo': doc.undo(); break;
      case 'redo': doc.redo(); break;
      case 'save': void saveDocument(); break;
      case 'saveAs': case 'export': void saveDocument(true); break;
      case 'fitView': void flow.fitView({ padding: 0.08 }); break;
      case 'zoomIn': void flow.zoomIn(); break;
      case 'zoomOut': void flow.zoomOut(); break;
      case 'resetZoom': void flow.zoomTo(1); break;
      case 'new': useStartStore.getState().openDialog('new'); break;
      case 'openRecent': void openRecentFile(command.path); break;
      default: break;
    }
  }), [flow]);
}

function BottomTabs() {
  const tab = useViewStore((s) => s.bottomTab);
  const setTab = useViewStore((s) => s.setBottomTab);
  const editing = useViewStore((s) => s.editingValueMap);
  const tabs: [typeof tab, string][] = [['preview', 'Output'], ['structure', 'Structure'], ['tests', 'Test cases'], ['valuemap', 'Value map'], ['link', 'Link'], ['coverage', 'Coverage']];
  return (
    <section className="bottom__right">
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab tab--active' : 'tab'} onClick={() => setTab(id)} data-testid={`tab-${id}`}>{label}</button>
        ))}
      </div>
      <div className="bottom__content">
        {/* Every panel stays mounted (hidden when not shown): the output is always in the page for automation. */}
        <div hidden={tab !== 'preview'}><PreviewPanel /></div>
        <div hidden={tab !== 'structure'}><StructurePanel /></div>
        <div hidden={tab !== 'tests'}><TestsPanel /></div>
        <div hidden={tab !== 'valuemap'}>{editing ? <ValueMapEditor valueMapId={editing} /> : <div className="muted empty-hint">Choose “Edit table” on a value-map node, or click a value map in the palette.</div>}</div>
        <div hidden={tab !== 'link'}><LinkDetails /></div>
        <div hidden={tab !== 'coverage'}><CoveragePanel /></div>
      </div>
    </section>
  );
}

/** The start page while no document is open (once the launch has settled) or when asked for, and the dialogs that start a mapping. */
function StartLayer() {
  const loadError = useDocumentStore((s) => s.loadError);
  const hasDocument = useDocumentStore((s) => s.spec !== undefined);
  const opened = useDocumentStore((s) => s.opened);
  const { startShown, launching, dialog } = useStartStore();
  useEffect(() => { void launchStudio(); }, []);
  // Whatever opened a document (an example, a recent file, a new mapping) takes the start page away.
  useEffect(() => { if (opened > 0) useStartStore.getState().showStart(false); }, [opened]);
  const start = !loadError && (startShown || (!hasDocument && !launching));
  // A boundary each: a dialog's code arriving must not hide the start page (and the button that keeps the focus).
  return (
    <>
      <Suspense fallback={null}>{start ? <StartPage /> : null}</Suspense>
      <Suspense fallback={null}>{dialog === 'new' ? <NewMappingDialog /> : null}</Suspense>
      <Suspense fallback={null}>{dialog === 'ig' ? <IgStartDialog /> : null}</Suspense>
    </>
  );
}

function Studio() {
  const loadError = useDocumentStore((s) => s.loadError);
  const table = useViewStore((s) => s.mainView === 'table');
  useDocumentEffects();
  useLayoutExpansion();
  useShortcuts();
  useHostCommands();
  // Edits of value-map rows are recorded in the review from the start, review mode open or not.
  useEffect(() => startReview(), []);
  const reviewing = useReviewStore((s) => s.open);
  return (
    <div className="studio">
      <Toolbar />
      <div className="studio__main">
        <Palette />
        <div className="workspace">
          <MainBar />
          {loadError ? <div className="canvas-empty error-text" data-testid="load-error">{loadError}</div> : table ? <MappingTable /> : <Canvas />}
        </div>
      </div>
      <div className="bottom">
        <section className="bottom__left"><Suspense fallback={<div className="empty-hint">Loading the editor…</div>}><SampleEditor /></Suspense></section>
        <BottomTabs />
      </div>
      <StartLayer />
      {/* Over the canvas, which stays mounted underneath (its view and the preview carry on). */}
      {reviewing ? <Suspense fallback={<div className="review-loading empty-hint">Loading the review…</div>}><ReviewView /></Suspense> : null}
      <ReviewerSettings />
      <Toasts />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Studio />
    </ReactFlowProvider>
  );
}
