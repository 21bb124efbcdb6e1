import { memo, useMemo } from 'react';
import { usePreviewStore } from '../preview/previewStore';
import { jsonLines } from '../preview/jsonLines';
import { useViewStore } from '../state/viewStore';
import { useHighlight } from '../canvas/useRowDecorations';
import { describeLocation } from '../../../shared/common/errors/CrosswalkError';
import type { PreviewResult, TraceItem } from '../preview/previewTypes';

/** The trace item that produced an output line: the deepest one whose output path contains it. */
function traceAt(result: PreviewResult, path: string): TraceItem | undefined {
  let best: TraceItem | undefined;
  for (const item of result.trace) {
    if (path === item.outputPath || path.startsWith(`${item.outputPath}.`) || path.startsWith(`${item.outputPath}[`)) {
      if (!best || item.outputPath.length > best.outputPath.length) best = item;
    }
  }
  return best;
}

const OutputText = memo(function OutputText({ result }: { result: PreviewResult }) {
  const setFocus = useViewStore((s) => s.setFocus);
  const lines = useMemo(() => (result.output === undefined ? [] : jsonLines(result.output)), [result.output]);
  const tracedPaths = useMemo(() => new Set(result.trace.map((t) => t.outputPath)), [result.trace]);
  const highlight = useHighlight();
  const highlightedOutputs = useMemo(() => {
    const set = new Set<string>();
    for (const t of result.trace) if (t.links.some((l) => highlight.links.has(l))) set.add(t.outputPath);
    return set;
  }, [result.trace, highlight]);
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
            onClick={() => {
              const item = traceAt(result, line.path);
              if (item) setFocus({ kind: 'target', node: item.target, path: item.targetPath });
            }}
          >
            {line.text}
            {i < lines.length - 1 ? '\n' : ''}
          </span>
        );
      })}
    </pre>
  );
});

function FocusedTrace({ result }: { result: PreviewResult }) {
  const focus = useViewStore((s) => s.focus);
  if (!focus || focus.kind !== 'target') return null;
  const items = result.trace.filter((t) => t.target === focus.node && (t.targetPath === focus.path || t.targetPath.startsWith(`${focus.path}.`)));
  if (items.length === 0) return <div className="trace-strip">{focus.path}: no value in this output.</div>;
  return (
    <div className="trace-strip" data-testid="trace-strip">
      {items.slice(0, 4).map((t, i) => (
        <div key={i}>
          <b>{t.targetPath}</b> = <code>{JSON.stringify(t.value)}</code>
          {t.sources.length > 0 ? <> ← {t.sources.map((s) => <span key={s.path} className="trace-source"><code>{s.path}</code> = <code>{JSON.stringify(s.value)}</code></span>)}</> : null}
          {t.nodes.length > 0 ? <span className="trace-via"> via {t.nodes.join(' → ')}</span> : null}
        </div>
      ))}
    </div>
  );
}

/** The live output: formatted JSON with clickable values, validation issues linked to the canvas, faults with their position. */
export function PreviewPanel() {
  const result = usePreviewStore((s) => s.result);
  const running = usePreviewStore((s) => s.running);
  const setFocus = useViewStore((s) => s.setFocus);
  if (!result) return <div className="preview-panel"><div className="empty-hint">{running ? 'Running the mapping…' : 'No preview yet.'}</div><pre className="preview-output" data-testid="preview-output" /></div>;
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
        <span className="muted">{result.trace.length} traced values · {result.millis.toFixed(1)} ms</span>
      </div>
      {result.validation.length > 0 ? (
        <ul className="issues" data-testid="validation-issues">
          {result.validation.map((issue, i) => (
            <li
              key={i}
              className={`issue issue--${issue.severity}`}
              onClick={() => {
                if (issue.link) setFocus({ kind: 'link', id: issue.link });
                else if (issue.target && issue.targetPath) setFocus({ kind: 'target', node: issue.target, path: issue.targetPath });
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
