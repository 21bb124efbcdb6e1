import { useMemo, useState } from 'react';
import { hl7Versions, igMessages, messageStructures } from '../state/catalogLists';
import { exampleSamples, samplesOf, startFromIg, type IgStart } from '../state/newDocument';
import { useStartStore } from '../state/startStore';
import { errorText } from '../state/errorText';
import { Dialog } from './Dialog';
import { useLoaded } from './useLoaded';

const DEFAULT_VERSION = '2.5.1';
const PASTE = 'paste';

/** What the import made of the IG's rows, as the closing summary of `crosswalk new --from-ig` says it. */
function ImportSummary({ started, onClose }: { started: IgStart; onClose(): void }) {
  const { counts, summary } = started.report;
  const [headline, , ...details] = summary;
  return (
    <Dialog title={`Started from the IG's ${started.report.message}`} testId="ig-summary" onCancel={onClose} onSubmit={onClose}
      actions={<button type="submit" className="button--primary" data-autofocus>Continue</button>}
    >
      <p>{headline}</p>
      <table className="ig-counts" aria-label="IG rows">
        <tbody>
          <tr><th scope="row">IG rows</th><td>{counts.rows}</td></tr>
          <tr><th scope="row">links</th><td>{counts.links}</td></tr>
          <tr><th scope="row">links under a condition</th><td>{counts.conditions}</td></tr>
          <tr><th scope="row">notes (to do, with the IG&apos;s words)</th><td>{counts.notes}</td></tr>
          <tr><th scope="row">left unmapped by the IG itself</th><td>{counts.unmapped}</td></tr>
        </tbody>
      </table>
      <details>
        <summary>Why rows became notes, and how the IG was read</summary>
        <ul className="ig-details">{details.map((line) => <li key={line}>{line.trim()}</li>)}</ul>
      </details>
      <p className="muted">Each note is a yellow “To do” box on its map&apos;s canvas; the maps panel counts them per map.</p>
    </Dialog>
  );
}

/**
 * "Start from the HL7 v2-to-FHIR IG": one of the IG's 13 message maps and the HL7 v2 version its
 * maps read; the mapping opens running on a sample (a shipped example's message of that
 * structure when the host has one, else the one pasted) and the import summary shows what became
 * of the IG's rows.
 */
export function IgStartDialog() {
  const close = useStartStore((s) => s.closeDialog);
  const messages = useLoaded(igMessages, 'ig');
  const versions = useLoaded(hl7Versions, 'versions');
  const shipped = useLoaded(exampleSamples, 'samples');
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(DEFAULT_VERSION);
  const structures = useLoaded(() => messageStructures(version), version);
  const [sampleChoice, setSampleChoice] = useState<string | undefined>(undefined);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<IgStart | undefined>(undefined);

  const offered = useMemo(() => {
    if (!message || shipped.state !== 'done') return [];
    const events = structures.state === 'done' ? structures.value.find((s) => s.name === message)?.events : undefined;
    return samplesOf(shipped.value, message, events);
  }, [message, shipped, structures]);
  const choice = sampleChoice ?? (offered.length > 0 ? '0' : PASTE);
  // Until the shipped samples are known, Create would open the mapping on an empty paste.
  const finding = message !== undefined && sampleChoice === undefined && (shipped.state === 'loading' || structures.state === 'loading');

  if (started) return <ImportSummary started={started} onClose={close} />;

  const submit = async () => {
    if (busy) return;
    if (!message) { setProblem('Choose one of the IG\'s message maps.'); return; }
    if (finding) return;
    const sample = choice === PASTE ? { name: 'Sample 1', text: pasted } : { name: offered[Number(choice)].name, text: offered[Number(choice)].text };
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await startFromIg({ message, version }, sample);
      if (result) setStarted(result);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Start from the HL7 v2-to-FHIR IG" testId="ig-start-dialog" className="dialog--wide" onCancel={close} onSubmit={() => void submit()}
      actions={<>
        <button type="button" onClick={close}>Cancel</button>
        <button type="submit" className="button--primary" disabled={busy || finding}>{busy ? 'Importing…' : 'Create'}</button>
      </>}
    >
      <p className="muted">The IG&apos;s message map with its segment, data type and vocabulary maps, each editable; a row the engine cannot express becomes a “To do” note with the IG&apos;s words.</p>
      <div className="field-row">
        <label className="field field--grow"><span>IG message map</span>
          <select size={13} value={message ?? ''} data-autofocus onChange={(e) => { setMessage(e.target.value); setSampleChoice(undefined); setProblem(undefined); }}>
            {messages.state === 'done' ? messages.value.map((m) => <option key={m.message} value={m.message}>{m.message} — {m.description ?? `${m.type}^${m.event}`}</option>) : null}
          </select>
        </label>
        <div className="field-column">
          <label className="field"><span>Version</span>
            <select value={version} onChange={(e) => setVersion(e.target.value)}>
              {(versions.state === 'done' ? versions.value : [DEFAULT_VERSION]).map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
          {messages.state === 'failed' ? <p className="error-text">{messages.error}</p> : null}
        </div>
      </div>
      <div className="field-row">
        <label className="field"><span>Sample message</span>
          <select value={choice} onChange={(e) => setSampleChoice(e.target.value)} data-testid="ig-sample-choice">
            {offered.map((s, i) => <option key={`${s.example}|${s.name}`} value={String(i)}>{s.name} (example {s.example})</option>)}
            <option value={PASTE}>Paste a message</option>
          </select>
        </label>
        <p className="muted">{message === undefined ? '' : finding ? `Finding the shipped samples of ${message}…` : offered.length > 0 ? `${offered.length} shipped sample${offered.length === 1 ? '' : 's'} of ${message}.` : `No shipped sample of ${message}: paste one (or leave it empty and paste it in the sample editor).`}</p>
      </div>
      <label className="field field--wide"><span>Pasted message</span>
        <textarea rows={5} spellCheck={false} value={pasted} placeholder="MSH|^~\&|…" onChange={(e) => { setPasted(e.target.value); setSampleChoice(PASTE); }} />
      </label>
      {problem ? <p className="error-text" role="alert" data-testid="ig-start-problem">{problem}</p> : null}
    </Dialog>
  );
}
