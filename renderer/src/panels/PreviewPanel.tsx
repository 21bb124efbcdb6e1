import { memo, useMemo } from 'react';
import { usePreviewStore } from '../preview/previewStore';
import { jsonLines } from '../preview/jsonLines';
import { tracedAt } from '../preview/tracedAt';
import { useViewStore } from '../state/viewStore';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useHighlight } from '../canvas/useRowDecorations';
import { mapOfTraceId, mapsCrossed } from '../canvas/traceGraph';
import { describeLocation } from '../../../shared/common/errors/CrosswalkError';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import type { PreviewResult, TraceItem } from '../preview/previewTypes';
import { writeJson } from '../../../shared/common/json/writeJson';

/** `CX[Identifier]/l-system` → `l-system` when it names something of this map. */
function localId(traceId: string, mapId: string): string | undefined {
  return traceId.startsWith(`${mapId}/`) ? traceId.slice(mapId.length + 1) : undefined;
}

/** Shows a link of any map: opens that map and selects the link there. */
export function focusTraceLink(traceId: string): void {
  const mapId = mapOfTraceId(traceId);
  const doc = useDocumentStore.getState();
  if (mapId !== doc.mapId) doc.showMap(mapId);
  useViewStore.getState().setFocus({ kind: 'link', id: traceId.slice(mapId.length + 1) });
  useViewStore.getState().setBottomTab('link');
}

const OutputText = memo(function OutputText({ result }: { result: PreviewResult }) {
  const setFocus = useViewStore((s) => s.setFocus);
  const focus = useViewStore((s) => s.focus);
  const mapId = useDocumentStore((s) => s.mapId);
  const lines = useMemo(() => (result.output === undefined ? [] : jsonLines(result.output)), [result.output]);
  const tracedPaths = useMemo(() => new Set(result.trace.map((t) => t.outputPath)), [result.trace]);
  const highlight = useHighlight();
  const highlightedOutputs = useMemo(() => {
    const set = new Set<string>();
    if (focus?.kind === 'trace') for (const t of tracedAt(result, focus.output)) set.add(t.outputPath);
    else for (const t of result.trace) if ([t.link, ...t.links].some((l) => highlight.links.has(localId(l, mapId) ?? ''))) set.add(t.outputPath);
    return set;
  }, [result, highlight, focus, mapId]);
  // The text content of this element is exactly the formatted output (the testability contract).
  return (
    <pre className="preview-output" data-testid="preview-output" data-run-id={result.runId}>
      {lines.map((line, i) => {
        const traced = tracedPaths.has(line.path);
        const lit = highlightedOutputs.has(line.path);
        return (
          <span
            key={i}
            className={`json-line${traced ? ' json-line--traced' : ''}${lit ? ' json-line--highlight' : ''}`}
            data-json-path={line.path}
            onClick={() => { if (tracedAt(result, line.path).length > 0) setFocus({ kind: 'trace', output: line.path }); }}
          >
            {line.text}
            {i < lines.length - 1 ? '\n' : ''}
          </span>
        );
      })}
    </pre>
  );
});

/** The values written to a row of the current map: by its own links, or (a message map) into its target by any map. */
function itemsAtRow(result: PreviewResult, map: MapDefinition, node: string, path: string): TraceItem[] {
  const byId = new Map(map.links.map((l) => [l.id, l]));
  return result.trace.filter((t) => {
    const own = localId(t.link, map.id);
    if (own !== undefined) {
      const link = byId.get(own);
      return link !== undefined && 'target' in link.to && link.to.target === node && (t.targetPath === path || t.targetPath.startsWith(`${path}.`));
    }
    return map.kind === 'message' && t.target === node && path.indexOf('.') === -1;
  });
}

/** The maps a traced value went through, each a button that shows it on the canvas with the value's path lit. */
export function MapsCrossed({ item }: { item: TraceItem }) {
  const mapId = useDocumentStore((s) => s.mapId);
  const showMap = useDocumentStore((s) => s.showMap);
  const setFocus = useViewStore((s) => s.setFocus);
  const maps = mapsCrossed(item);
  if (maps.length < 2 && maps[0] === mapId) return null;
  return (
    <span className="maps-crossed" data-testid="maps-crossed">
      {' '}through{' '}
      {maps.map((id, i) => (
        <span key={id}>
          {i > 0 ? ' › ' : ''}
          <button
            className={`link-button${id === mapId ? ' maps-crossed--current' : ''}`}
            aria-label={`Go to map ${id}`}
            title={i === maps.length - 1 ? `${id} wrote this value` : `The value went through ${id}`}
            onClick={() => { showMap(id); setFocus({ kind: 'trace', output: item.outputPath }); }}
          >
            {id}
          </button>
        </span>
      ))}
    </span>
  );
}

function TraceLine({ t }: { t: TraceItem }) {
  return (
    <div>
      <b>{t.targetPath}</b> = <code>{writeJson(t.value)}</code>
      {t.sources.length > 0 ? <> ← {t.sources.map((s) => <span key={s.path} className="trace-source"><code>{s.path}</code> = <code>{writeJson(s.value)}</code></span>)}</> : null}
      {t.nodes.length > 0 ? <span className="trace-via"> via {t.nodes.map((n) => n.slice(n.lastIndexOf('/') + 1)).join(' → ')}</span> : null}
      <MapsCrossed item={t} />
    </div>
  );
}

function FocusedTrace({ result }: { result: PreviewResult }) {
  const focus = useViewStore((s) => s.focus);
  const map = useDocumentStore(selectMap);
  if (!map || !focus || (focus.kind !== 'target' && focus.kind !== 'trace')) return null;
  const items = focus.kind === 'trace' ? tracedAt(result, focus.output) : itemsAtRow(result, map, focus.node, focus.path);
  const label = focus.kind === 'trace' ? focus.output : focus.path;
  if (items.length === 0) return <div className="trace-strip">{label}: no value in this output.</div>;
  return (
    <div className="trace-strip" data-testid="trace-strip">
      {items.slice(0, 4).map((t, i) => <TraceLine key={i} t={t} />)}
      {items.length > 4 ? <div className="muted">and {items.length - 4} more values</div> : null}
    </div>
  );
}

/** The live output: formatted JSON with clickable values, validation issues linked to the canvas, faults with their position. */
export function PreviewPanel() {
  const result = usePreviewStore((s) => s.result);
  const running = usePreviewStore((s) => s.running);
  const setFocus = useViewStore((s) => s.setFocus);
  if (!result) return <div className="preview-panel"><div className="empty-hint">{running ? 'Running the mapping…' : 'No preview yet: paste a sample message into the sample editor, or load one.'}</div><pre className="preview-output" data-testid="preview-output" /></div>;
  const errors = result.validation.filter((v) => v.severity === 'error');
  return (
    <div className="preview-panel">
      <div className="preview-panel__status" data-testid="preview-status">
        {result.error ? (
          <span className="badge badge--error" data-testid="preview-error">
            {result.error.stage === 'parse' ? 'Sample does not parse' : result.error.stage === 'compile' ? 'Mapping does not compile' : 'Mapping failed'}: {result.error.message}
            {describeLocation(result.error.where) ? ` (${describeLocation(result.error.where)})` : ''}
            {result.error.detail !== undefined ? <span className="preview-error__detail" data-testid="preview-error-detail"> Detail: {result.error.detail}</span> : null}
          </span>
        ) : (
          <span className={errors.length ? 'badge badge--warn' : 'badge badge--ok'}>
            {errors.length ? `${errors.length} validation error${errors.length > 1 ? 's' : ''}` : 'Valid FHIR R4'}
          </span>
        )}
        <span className="muted">{result.map ? `${result.map} · ` : ''}{result.trace.length} traced values · {result.millis.toFixed(1)} ms</span>
      </div>
      {result.validation.length > 0 ? (
        <ul className="issues" data-testid="validation-issues">
          {result.validation.map((issue, i) => (
            <li
              key={i}
              className={`issue issue--${issue.severity}`}
              onClick={() => {
                if (issue.link) focusTraceLink(issue.link);
                else if (issue.target && issue.targetPath) {
                  // Unwritten elements are named in the message map's terms.
                  if (result.map) useDocumentStore.getState().showMap(result.map);
                  setFocus({ kind: 'target', node: issue.target, path: issue.targetPath });
                }
              }}
            >
              <span title={issue.path}>{issue.message}</span>
              {issue.targetPath ? <span className="muted"> — {issue.targetPath}{issue.link ? ` via ${issue.link}` : ''}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <FocusedTrace result={result} />
      <OutputText result={result} />
    </div>
  );
}
