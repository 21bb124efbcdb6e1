import { selectMap, useDocumentStore } from '../state/documentStore';
import { revealRow } from '../canvas/revealOnCanvas';
import { useCoverageStore } from './coverageStore';
import { coverageFigure } from './coverageMarks';

/**
 * Coverage of the mapping over the studio's samples (issue 9 item 2), for the map shown: the
 * figure for it and for the whole mapping, the required or must-support elements of its targets
 * no link writes, the fields the samples value and no link reads (each a button to its row), and
 * the samples that did not map.
 */
export function CoveragePanel() {
  const { result, running, error, targetsOnly } = useCoverageStore();
  const map = useDocumentStore(selectMap);
  if (!map) return null;
  if (!result) {
    return <div className="coverage-panel muted" data-testid="coverage-panel">{error ? <span className="error-text">No coverage: {error}</span> : running ? 'Computing the coverage over the samples…' : 'No coverage yet.'}</div>;
  }
  const own = result.maps.find((m) => m.map === map.id);
  const failed = result.samples.filter((s) => !s.ok);
  const targets = (own?.targets ?? []).map((t) => ({ ...t, missing: t.missing.filter((m) => m.writtenByCaller !== true) }));
  const missing = targets.reduce((n, t) => n + t.missing.length, 0);
  const unused = (own?.sources.fields ?? []).filter((f) => f.valued > 0 && f.used === 0);
  return (
    <div className="coverage-panel" data-testid="coverage-panel" aria-busy={running}>
      <div className="coverage-panel__figures">
        {targetsOnly ? (
          <span className="muted">Sample coverage reads HL7 v2 messages: for a JSON or CSV mapping only the targets are checked.</span>
        ) : (
          <>
            <span data-testid="coverage-mapping">Whole mapping: <b>{coverageFigure(result.figure.used, result.figure.valued)}</b> valued sample fields read by a link, over {result.samples.length - failed.length} sample{result.samples.length - failed.length === 1 ? '' : 's'}.</span>
            <span data-testid="coverage-map">This map ({map.id}): <b>{coverageFigure(own?.sources.used ?? 0, own?.sources.valued ?? 0)}</b>{own && own.sources.applied > 0 ? `, applied ${own.sources.applied} time${own.sources.applied === 1 ? '' : 's'}` : ', not applied to the samples'}.</span>
          </>
        )}
        {running ? <span className="muted">updating…</span> : null}
      </div>
      <h4>Required or must-support, no link writes it <span className="muted">({missing})</span></h4>
      {missing === 0 ? <div className="muted">Every required or must-support element of this map's targets is written.</div> : (
        <ul className="coverage-list" data-testid="coverage-missing">
          {targets.flatMap((t) => t.missing.map((m) => (
            <li key={`${t.target}|${m.path}`}>
              <button className="link-button" onClick={() => revealRow(map.id, 'target', t.target, m.path)} title="Show it on the canvas">{m.path}</button>
              <span className="muted"> {m.min >= 1 ? `required (min ${m.min})` : ''}{m.min >= 1 && m.mustSupport ? ', ' : ''}{m.mustSupport ? `must-support${t.profile ? ` in ${t.profile.url}` : ''}` : ''}{map.targets.length > 1 ? ` · ${t.target}` : ''}</span>
            </li>
          )))}
        </ul>
      )}
      {targetsOnly ? null : (
        <>
          <h4>Valued in the samples, no link reads it <span className="muted">({unused.length})</span></h4>
          {unused.length === 0 ? <div className="muted">{own && own.sources.valued > 0 ? 'A link reads every field the samples value here.' : 'The samples give this map nothing to read.'}</div> : (
            <ul className="coverage-list coverage-list--fields" data-testid="coverage-unused">
              {unused.map((f) => (
                <li key={f.path}>
                  <button className="link-button" onClick={() => revealRow(map.id, 'source', map.sources[0].id, f.path)} title="Show it on the canvas">{f.path}</button>
                  <span className="muted"> ×{f.valued}</span>
                </li>
              ))}
            </ul>
          )}
          {failed.length > 0 ? (
            <>
              <h4>Samples not counted <span className="muted">({failed.length})</span></h4>
              <ul className="coverage-list">
                {failed.map((s, i) => <li key={i}><b>{s.name}</b>: <span className="muted">{s.error?.code} {s.error?.message}</span></li>)}
              </ul>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
