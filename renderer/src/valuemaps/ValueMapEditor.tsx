import { useMemo, useState } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { getStudio } from '../state/studio';
import { importConceptMap } from '../../../shared/common/valuemaps/conceptMap';
import { valueMapCoverage } from '../../../shared/common/valuemaps/coverage';
import type { UnmappedPolicy, ValueMap, ValueMapEntry } from '../../../shared/common/valuemaps/ValueMap';
import type { TerminologySummary } from '../../../shared/common/studio/StudioApi';
import { observedCodes, valueMapInputs } from './observedCodes';
import { findSchemaNode, keyOfRef, useSchemaStore } from '../state/schemaStore';
import { CommitInput } from '../panels/CommitInput';

/** The standard v2 table 0001 → FHIR administrative-gender map (FHIR publishes it the other way round). */
export const GENDER_CONCEPT_MAP = { id: 'cm-administrative-gender-v2', reverse: true, label: 'v2 0001 Administrative Sex → FHIR administrative-gender' };

function replaceMap(id: string, label: string, change: (map: ValueMap) => ValueMap): void {
  useDocumentStore.getState().edit(label, (spec) => ({
    ...spec,
    valueMaps: spec.valueMaps.map((m) => (m.id === id ? change(m) : m)),
  }));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A value map as a table the informaticist can review: source code → target code, display,
 * system; the unmapped-code policy; one-click import of a ConceptMap or the target's value set;
 * and the codes the current samples contain that the table does not map yet.
 */
export function ValueMapEditor({ valueMapId }: { valueMapId: string }) {
  const map = useDocumentStore((s) => s.spec?.valueMaps.find((m) => m.id === valueMapId));
  const spec = useDocumentStore((s) => s.spec);
  const samples = useDocumentStore((s) => s.samples);
  const toast = useViewStore((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<TerminologySummary[] | undefined>(undefined);

  const coverage = useMemo(() => {
    if (!map || !spec) return undefined;
    const observed = observedCodes(samples, valueMapInputs(spec, map.id));
    return valueMapCoverage(map, { observed });
  }, [map, spec, samples]);

  if (!map) return <div className="empty-hint">This value map is no longer in the mapping.</div>;
  const unmappedSeen = new Set(coverage?.observedUnmapped.map((c) => c.code) ?? []);

  const setEntry = (index: number, patch: Partial<ValueMapEntry>) =>
    replaceMap(map.id, 'Edit value map row', (m) => ({ ...m, entries: m.entries.map((e, i) => (i === index ? clean({ ...e, ...patch }) : e)) }));
  const removeEntry = (index: number) =>
    replaceMap(map.id, 'Remove value map row', (m) => ({ ...m, entries: m.entries.filter((_, i) => i !== index) }));
  // A new row needs both codes to be valid; the analyst overwrites the placeholders.
  const addEntry = (source?: string) =>
    replaceMap(map.id, 'Add value map row', (m) => ({ ...m, entries: [...m.entries, { source: source ?? freeCode(m), target: 'unknown' }] }));
  const setPolicy = (policy: UnmappedPolicy) => replaceMap(map.id, 'Set unmapped policy', (m) => ({ ...m, unmapped: policy }));

  const importMap = async (idOrUrl: string, reverse: boolean, label?: string) => {
    setBusy(true);
    try {
      const resource = await getStudio().getConceptMap({ idOrUrl });
      const imported = importConceptMap(resource, { reverse, id: map.id, unmapped: map.unmapped });
      // Fill target displays from the target code system, so the table reads like the standard.
      if (imported.targetSystem) {
        const displays = await targetDisplays(imported.targetSystem);
        imported.entries = imported.entries.map((e) => (e.display === undefined && displays.has(e.target) ? { ...e, display: displays.get(e.target) } : e));
      }
      replaceMap(map.id, `Import ${idOrUrl}`, (m) => ({ ...imported, id: m.id, name: typeof resource.title === 'string' ? (label ?? resource.title) : m.name }));
      toast('info', `Imported ${imported.entries.length} codes from ${idOrUrl}.`);
    } catch (error) {
      toast('error', describe(error));
    } finally {
      setBusy(false);
    }
  };

  const importTargetValueSet = async () => {
    const url = targetBinding(map);
    if (!url) { toast('error', 'The value map is not linked to a target element with a value set binding.'); return; }
    setBusy(true);
    try {
      const { concepts } = await getStudio().expandValueSet({ url });
      const have = new Set(map.entries.map((e) => e.target));
      const rows = concepts.filter((c) => !have.has(c.code)).map((c) => ({ source: c.code, target: c.code, display: c.display, system: undefined }));
      replaceMap(map.id, 'Import target value set', (m) => ({ ...m, targetSystem: m.targetSystem ?? concepts[0]?.system, entries: [...m.entries, ...rows.filter((r) => !m.entries.some((e) => e.source === r.source)).map(clean)] }));
      toast('info', `Added ${rows.length} target codes; set each row's source code.`);
    } catch (error) {
      toast('error', describe(error));
    } finally {
      setBusy(false);
    }
  };

  const search = async () => {
    try { setFound(await getStudio().listTerminology({ kind: 'conceptMap', query, limit: 30 })); } catch (error) { toast('error', describe(error)); }
  };

  return (
    <div className="vm-editor" data-testid="valuemap-editor">
      <div className="vm-editor__head">
        <CommitInput className="vm-editor__name" value={map.name} required aria-label="Value map name" onCommit={(v) => replaceMap(map.id, 'Rename value map', (m) => ({ ...m, name: v }))} />
        <button disabled={busy} data-testid="import-gender-conceptmap" onClick={() => importMap(GENDER_CONCEPT_MAP.id, GENDER_CONCEPT_MAP.reverse, GENDER_CONCEPT_MAP.label)} title={`Import ${GENDER_CONCEPT_MAP.id}, read v2 → FHIR`}>
          Import v2 0001 → gender
        </button>
        <button disabled={busy} onClick={importTargetValueSet} title="Add the codes of the linked target element's value set">Import target value set</button>
        <span className="vm-editor__search">
          <input placeholder="Find a ConceptMap…" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') void search(); }} />
          <button onClick={search}>Find</button>
        </span>
      </div>
      {found ? (
        <div className="vm-editor__found">
          {found.length === 0 ? <span className="muted">No ConceptMap matches.</span> : found.map((f) => (
            <span key={f.id} className="chip">
              {f.title ?? f.name}
              <button onClick={() => importMap(f.id, false)} title="Import as it reads">import</button>
              <button onClick={() => importMap(f.id, true)} title="Import read target → source">reversed</button>
            </span>
          ))}
          <button className="link-button" onClick={() => setFound(undefined)}>close</button>
        </div>
      ) : null}
      <div className="vm-editor__systems">
        <label>Source system <CommitInput value={map.sourceSystem ?? ''} onCommit={(v) => replaceMap(map.id, 'Set source system', (m) => clean({ ...m, sourceSystem: v || undefined }))} /></label>
        <label>Target system <CommitInput value={map.targetSystem ?? ''} onCommit={(v) => replaceMap(map.id, 'Set target system', (m) => clean({ ...m, targetSystem: v || undefined }))} /></label>
        <label>Unmapped codes
          <select value={map.unmapped.kind} data-testid="unmapped-policy" onChange={(e) => {
            const kind = e.target.value as UnmappedPolicy['kind'];
            setPolicy(kind === 'default' ? { kind, code: 'unknown' } : { kind } as UnmappedPolicy);
          }}>
            <option value="empty">leave empty</option>
            <option value="default">use a default code</option>
            <option value="passthrough">pass the code through</option>
            <option value="error">fail the message</option>
          </select>
        </label>
        {map.unmapped.kind === 'default' ? (
          <label>Default <CommitInput value={map.unmapped.code} required onCommit={(v) => setPolicy({ kind: 'default', code: v })} /></label>
        ) : null}
      </div>
      <table className="vm-table" data-testid="valuemap-table">
        <thead><tr><th>Source code</th><th>Target code</th><th>Display</th><th>System</th><th /></tr></thead>
        <tbody>
          {/* Codes the samples send that the table does not cover come first: they are what a reviewer must act on. */}
          {[...unmappedSeen].map((code) => (
            <tr key={`seen-${code}`} className="vm-row--unmapped" data-unmapped-code={code}>
              <td><code>{code}</code></td>
              <td colSpan={3} className="warn-text">seen in the samples, not mapped (policy: {map.unmapped.kind})</td>
              <td><button onClick={() => addEntry(code)}>map it</button></td>
            </tr>
          ))}
          {map.entries.map((entry, i) => (
            <tr key={i} data-source-code={entry.source}>
              <td><CommitInput value={entry.source} required aria-label="Source code" onCommit={(v) => setEntry(i, { source: v })} /></td>
              <td><CommitInput value={entry.target} required aria-label="Target code" onCommit={(v) => setEntry(i, { target: v })} /></td>
              <td><CommitInput value={entry.display ?? ''} aria-label="Display" onCommit={(v) => setEntry(i, { display: v || undefined })} /></td>
              <td><CommitInput value={entry.system ?? ''} placeholder={map.targetSystem ?? ''} aria-label="System" onCommit={(v) => setEntry(i, { system: v || undefined })} /></td>
              <td><button className="link-button" aria-label={`Remove ${entry.source}`} onClick={() => removeEntry(i)}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="vm-editor__foot">
        <button onClick={() => addEntry()} data-testid="valuemap-add-row">Add row</button>
        <span className="muted">{map.entries.length} codes · {coverage ? `${coverage.observedMapped.length} seen and mapped, ${coverage.observedUnmapped.length} seen and unmapped` : ''}</span>
      </div>
    </div>
  );
}

/** Drops keys set to undefined, so the spec stays valid under the schema's strict objects. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function freeCode(map: ValueMap): string {
  const used = new Set(map.entries.map((e) => e.source));
  for (let i = 1; ; i++) if (!used.has(`code${i}`)) return `code${i}`;
}

/** The value set bound to the target element the map writes (administrative-gender for Patient.gender). */
function targetBinding(map: ValueMap): string | undefined {
  const valueMapId = map.id;
  const spec = useDocumentStore.getState().spec;
  if (!spec) return undefined;
  for (const m of spec.maps) {
    const nodeIds = new Set(m.nodes.filter((n) => n.kind === 'valueMap' && n.valueMapId === valueMapId).map((n) => n.id));
    for (const link of m.links) {
      if (!('node' in link.from) || !nodeIds.has(link.from.node) || !('target' in link.to)) continue;
      const to = link.to;
      const target = m.targets.find((t) => t.id === to.target);
      if (!target) continue;
      const loaded = useSchemaStore.getState().schemas[keyOfRef(target.schema)];
      if (!loaded || loaded === 'loading' || 'error' in loaded) continue;
      const url = findSchemaNode(loaded, to.path)?.binding?.valueSet;
      if (url) return url.split('|')[0];
    }
  }
  return undefined;
}

async function targetDisplays(system: string): Promise<Map<string, string>> {
  try {
    const cs = await getStudio().getCodeSystem({ url: system });
    const concepts = Array.isArray(cs.concept) ? (cs.concept as { code?: unknown; display?: unknown }[]) : [];
    return new Map(concepts.filter((c) => typeof c.code === 'string' && typeof c.display === 'string').map((c) => [c.code as string, c.display as string]));
  } catch {
    return new Map();
  }
}
