import { useRef } from 'react';
import { getStudio } from '../state/studio';
import { openExample, openFromFile, openRecentFile, openWithDialog } from '../state/fileActions';
import { useDocumentStore } from '../state/documentStore';
import { useStartStore } from '../state/startStore';
import { useLoaded } from './useLoaded';
import './start.css';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Where the studio opens when it has no document, and the toolbar's "Start": begin a mapping
 * (empty, or from the HL7 v2-to-FHIR IG), open one of the shipped examples (every one the host
 * lists), a recent file or a bundle file.
 */
export function StartPage() {
  const openDialog = useStartStore((s) => s.openDialog);
  const showStart = useStartStore((s) => s.showStart);
  const hasDocument = useDocumentStore((s) => s.spec !== undefined);
  const name = useDocumentStore((s) => s.name);
  const examples = useLoaded(() => getStudio().listExamples(), 'examples');
  const recent = useLoaded(() => getStudio().listRecentFiles(), 'recent');
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <main className="start-page" data-testid="start-page" aria-label="Start">
      <div className="start-page__inner">
        <header className="start-page__head">
          <h1>Start a mapping</h1>
          {hasDocument ? <button type="button" onClick={() => showStart(false)}>Back to {name}</button> : null}
        </header>
        <section className="start-page__actions" aria-label="Begin">
          {/* Named by the title alone (the automation contract: a button "New mapping"); the text describes it. */}
          <button type="button" className="start-card start-card--primary" aria-label="New mapping" aria-describedby="start-new-text" onClick={() => openDialog('new')}>
            <span className="start-card__title">New mapping</span>
            <span className="start-card__text" id="start-new-text">An HL7 v2 message structure, a JSON document or a CSV file to FHIR R4 resources, from an empty canvas.</span>
          </button>
          <button type="button" className="start-card start-card--primary" aria-label="Start from the HL7 v2-to-FHIR IG" aria-describedby="start-ig-text" onClick={() => openDialog('ig')}>
            <span className="start-card__title">Start from the HL7 v2-to-FHIR IG</span>
            <span className="start-card__text" id="start-ig-text">One of the IG&apos;s 13 message maps with its segment, data type and vocabulary maps, running at once; what the engine cannot express is a “To do” note.</span>
          </button>
          <button type="button" className="start-card" aria-label="Open a bundle file" aria-describedby="start-open-text" onClick={() => void openWithDialog(() => fileInput.current?.click())}>
            <span className="start-card__title">Open a bundle…</span>
            <span className="start-card__text" id="start-open-text">A <code>.crosswalk.json</code> file exported from the studio.</span>
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="start-open-file"
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void openFromFile(f); }} />
        </section>
        <section aria-labelledby="start-examples">
          <h2 id="start-examples">Examples</h2>
          {examples.state === 'loading' ? <p className="muted">Loading the examples…</p> : null}
          {examples.state === 'failed' ? <p className="error-text" role="alert">{examples.error}</p> : null}
          {examples.state === 'done' ? (
            examples.value.length === 0 ? <p className="muted">No examples are installed.</p> : (
              <ul className="start-list" data-testid="start-examples">
                {examples.value.map((e) => (
                  <li key={e.id}>
                    <button type="button" className="start-list__item" data-example-id={e.id} aria-label={`Open the example ${e.title}`} onClick={() => void openExample(e.id)}>
                      <span className="start-list__title">{e.title}</span>
                      <span className="start-list__text">{e.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">Recent files</h2>
          {recent.state === 'done' && recent.value.length === 0 ? <p className="muted">Bundles you open or save from a file show here.</p> : null}
          {recent.state === 'failed' ? <p className="error-text">{recent.error}</p> : null}
          {recent.state === 'done' && recent.value.length > 0 ? (
            <ul className="start-list" data-testid="start-recent">
              {recent.value.map((f) => (
                <li key={f.path}>
                  <button type="button" className="start-list__item" aria-label={`Open ${f.name}`} title={f.path} onClick={() => void openRecentFile(f.path)}>
                    <span className="start-list__title">{f.name}</span>
                    <span className="start-list__text"><code>{f.path}</code> · {when(f.openedAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
    </main>
  );
}
