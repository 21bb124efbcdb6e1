import { useMemo, useState } from 'react';
import type { NewMappingSource } from '../../../shared/common/mapping/build/newMapping';
import type { CsvSchemaRef, JsonSchemaRef } from '../../../shared/common/mapping/spec/schemaRefs';
import { fhirResources, hl7Versions, messageStructures } from '../state/catalogLists';
import { createMapping } from '../state/newDocument';
import { useStartStore } from '../state/startStore';
import { errorText } from '../state/errorText';
import { Dialog } from './Dialog';
import { InferredSourceFields } from './InferredSourceFields';
import { SearchList, type SearchOption } from './SearchList';
import { useLoaded } from './useLoaded';

type Standard = 'hl7v2' | 'json' | 'csv';
const DEFAULT_VERSION = '2.5.1';

/** `ORU^R01`, `ADT^A01, A04, A08, A13`: what a message map over the structure accepts. */
export function acceptedText(structure: string, events: readonly string[] | undefined): string {
  const [type, event] = structure.split('_');
  return `${type}^${(events && events.length > 0 ? events : [event]).join(', ')}`;
}

/**
 * "New mapping": the source (an HL7 v2 version and message structure, or a JSON or CSV sample),
 * the target FHIR R4 resources, and the mapping's name, version, author and description. Create
 * opens an empty message map with those schemas on the canvas and a sample ready.
 */
export function NewMappingDialog() {
  const close = useStartStore((s) => s.closeDialog);
  const [standard, setStandard] = useState<Standard>('hl7v2');
  const [version, setVersion] = useState(DEFAULT_VERSION);
  const [structure, setStructure] = useState<string | undefined>(undefined);
  const [inferred, setInferred] = useState<{ json: JsonSchemaRef; csv: CsvSchemaRef }>({ json: { standard: 'json' }, csv: { standard: 'csv', delimiter: ',', headerRow: 1, messages: 'row' } });
  const [targets, setTargets] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [mappingVersion, setMappingVersion] = useState('0.1.0');
  const [author, setAuthor] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const versions = useLoaded(hl7Versions, 'versions');
  const structures = useLoaded(() => messageStructures(version), version);
  const resources = useLoaded(fhirResources, 'resources');
  const structureOptions: SearchOption[] = useMemo(() => (structures.state === 'done' ? structures.value : []).map((s) => ({
    value: s.name, label: s.name, detail: `${s.description ?? ''} · ${acceptedText(s.name, s.events)}`,
  })), [structures]);
  const resourceOptions: SearchOption[] = useMemo(() => (resources.state === 'done' ? resources.value : []).map((r) => ({ value: r.name, label: r.name })), [resources]);
  const chosen = structures.state === 'done' ? structures.value.find((s) => s.name === structure) : undefined;

  const submit = async () => {
    if (busy) return;
    let source: NewMappingSource;
    if (standard === 'hl7v2') {
      if (!chosen) { setProblem(`Choose a message structure of HL7 v${version}.`); return; }
      source = { standard, version, structure: chosen.name, ...(chosen.events ? { events: chosen.events } : {}) };
    } else {
      source = inferred[standard];
      if (!source.sample?.trim()) { setProblem(`Paste or load a ${standard.toUpperCase()} sample: the source fields are inferred from it.`); return; }
    }
    if (targets.length === 0) { setProblem('Choose at least one target resource.'); return; }
    const mappingName = name.trim() || (standard === 'hl7v2' ? `${chosen?.name} to FHIR` : `${standard.toUpperCase()} to FHIR`);
    const sample = standard === 'hl7v2' ? { name: 'Sample 1', text: '' } : { name: `${standard.toUpperCase()} sample`, text: source.standard === 'hl7v2' ? '' : source.sample ?? '' };
    setBusy(true);
    try {
      const opened = await createMapping({
        source, targets,
        metadata: { name: mappingName, version: mappingVersion.trim() || '0.1.0', author: author.trim(), description: description.trim(), created: new Date().toISOString() },
      }, sample);
      if (opened) close();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="New mapping" testId="new-mapping-dialog" className="dialog--wide" onCancel={close} onSubmit={() => void submit()}
      actions={<>
        <button type="button" onClick={close}>Cancel</button>
        <button type="submit" className="button--primary" disabled={busy}>Create</button>
      </>}
    >
      <fieldset className="dialog__section">
        <legend>Source</legend>
        <div className="field-row">
          <label className="field"><span>Source standard</span>
            <select value={standard} onChange={(e) => { setStandard(e.target.value as Standard); setProblem(undefined); }}>
              <option value="hl7v2">HL7 v2 message</option>
              <option value="json">JSON document</option>
              <option value="csv">CSV file</option>
            </select>
          </label>
          {standard === 'hl7v2' ? (
            <label className="field"><span>Version</span>
              <select value={version} onChange={(e) => setVersion(e.target.value)}>
                {(versions.state === 'done' ? versions.value : [DEFAULT_VERSION]).map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
          ) : null}
        </div>
        {standard === 'hl7v2' ? (
          <>
            <SearchList label="Message structure" listLabel="Structures found" options={structureOptions} selected={structure ? [structure] : []}
              onPick={(value) => { setStructure(value); setProblem(undefined); }} placeholder="Search: ORU_R01, observation, R01…" autoFocus />
            <p className="dialog__choice" data-testid="chosen-structure">
              {structures.state === 'failed' ? <span className="error-text">{structures.error}</span>
                : chosen ? <><strong>{chosen.name}</strong> {chosen.description} · accepts <code>{acceptedText(chosen.name, chosen.events)}</code></>
                  : <span className="muted">No message structure chosen yet.</span>}
            </p>
          </>
        ) : (
          <InferredSourceFields schema={inferred[standard]} onChange={(schema) => setInferred((was) => ({ ...was, [standard]: schema }))} />
        )}
      </fieldset>
      <fieldset className="dialog__section">
        <legend>Targets</legend>
        <SearchList label="Target resources" listLabel="Resources found" options={resourceOptions} selected={targets} multiple
          onPick={(value) => { setTargets((was) => (was.includes(value) ? was.filter((t) => t !== value) : [...was, value])); setProblem(undefined); }}
          placeholder="Search FHIR R4 resources: Observation, Patient…" />
        <div className="chips" aria-label="Chosen target resources" data-testid="chosen-targets">
          {targets.length === 0 ? <span className="muted">No target resource chosen yet.</span> : targets.map((t) => (
            <span key={t} className="chip">{t}<button type="button" className="link-button" aria-label={`Remove ${t}`} onClick={() => setTargets((was) => was.filter((x) => x !== t))}>✕</button></span>
          ))}
        </div>
      </fieldset>
      <fieldset className="dialog__section">
        <legend>Mapping</legend>
        <div className="field-row">
          <label className="field field--grow"><span>Name</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={standard === 'hl7v2' ? `${structure ?? 'ORU_R01'} to FHIR` : `${standard.toUpperCase()} to FHIR`} /></label>
          <label className="field"><span>Mapping version</span><input value={mappingVersion} size={8} onChange={(e) => setMappingVersion(e.target.value)} /></label>
          <label className="field field--grow"><span>Author</span><input value={author} onChange={(e) => setAuthor(e.target.value)} /></label>
        </div>
        <label className="field field--wide"><span>Description</span><textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      </fieldset>
      {problem ? <p className="error-text" role="alert" data-testid="new-mapping-problem">{problem}</p> : null}
    </Dialog>
  );
}
