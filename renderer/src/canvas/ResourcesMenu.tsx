import { useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { addTarget, removeTarget } from '../../../shared/common/mapping/edit/targetEdits';
import { fhirResources } from '../state/catalogLists';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { errorText } from '../state/errorText';
import { SearchList } from '../start/SearchList';
import { useLoaded } from '../start/useLoaded';
import '../start/start.css';

function resourceOf(schema: { standard: string; resource?: string }): string {
  return schema.standard === 'fhir-r4' && schema.resource ? schema.resource : schema.standard;
}

/**
 * The message map's target resources, over the canvas: add one (a FHIR R4 resource, found by
 * search) or remove one with the links that write it and the references to it. Each is one undo
 * step (targetEdits.ts); a map's last resource stays.
 */
export function ResourcesMenu() {
  const map = useDocumentStore(selectMap);
  const [open, setOpen] = useState(false);
  const flow = useReactFlow();
  const resources = useLoaded(fhirResources, 'resources');
  const options = useMemo(() => (resources.state === 'done' ? resources.value : []).map((r) => ({ value: r.name, label: r.name })), [resources]);
  if (!map || map.kind !== 'message') return null;

  const toast = useViewStore.getState().toast;
  const add = (resource: string) => {
    let added: string | undefined;
    useDocumentStore.getState().edit(`Add ${resource}`, (spec) => {
      const next = addTarget(spec, map.id, resource);
      added = next.targetId;
      return next.spec;
    });
    // The new resource is placed under the others: bring it into view.
    if (added) { const id = added; setTimeout(() => void flow.fitView({ nodes: [{ id }], padding: 0.2, maxZoom: 1, duration: 200 }), 60); }
  };
  const remove = (targetId: string) => {
    try {
      useDocumentStore.getState().edit(`Remove ${targetId}`, (spec) => removeTarget(spec, map.id, targetId));
    } catch (error) {
      toast('error', errorText(error));
    }
  };

  return (
    <div className="resources-menu nodrag" data-testid="resources-menu" onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)} title="Add or remove the FHIR resources this message map writes">
        Resources ({map.targets.length}) ▾
      </button>
      {open ? (
        <div className="resources-menu__panel" role="group" aria-label={`Target resources of ${map.id}`}>
          <h3>Writes</h3>
          <ul className="resources-menu__targets">
            {map.targets.map((t) => (
              <li key={t.id}>
                <span><code>{t.id}</code> <span className="muted">{resourceOf(t.schema)}</span></span>
                <button type="button" className="link-button" disabled={map.targets.length === 1} aria-label={`Remove target ${t.id}`}
                  title={map.targets.length === 1 ? 'A message map writes at least one resource' : `Remove ${t.id} with the links that write it`} onClick={() => remove(t.id)}>Remove</button>
              </li>
            ))}
          </ul>
          <h3>Add a resource</h3>
          <SearchList label="Add a resource" listLabel="Resources to add" options={options} selected={[]} onPick={add} placeholder="Search FHIR R4 resources…" autoFocus limit={40} />
        </div>
      ) : null}
    </div>
  );
}
