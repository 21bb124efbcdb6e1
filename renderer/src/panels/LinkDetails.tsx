import { selectMap, useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { usePreviewStore } from '../preview/previewStore';
import { tracedAt } from '../preview/tracedAt';
import type { Link } from '../../../shared/common/mapping/spec/MappingSpec';
import { MapsCrossed } from './PreviewPanel';
import { writeJson } from '../../../shared/common/json/writeJson';

function end(e: Link['from'] | Link['to']): string {
  if ('source' in e) return `${e.source} · ${e.path}`;
  if ('target' in e) return `${e.target} · ${e.path}`;
  return `${e.node} · ${e.port}`;
}

/** The selected link of the current map: its ends, kind, and the values it carried in the current preview; or the maps a traced value crossed. */
export function LinkDetails() {
  const focus = useViewStore((s) => s.focus);
  const map = useDocumentStore(selectMap);
  const editMap = useDocumentStore((s) => s.editMap);
  const setFocus = useViewStore((s) => s.setFocus);
  const result = usePreviewStore((s) => s.result);
  const trace = result?.trace;
  const link = focus?.kind === 'link' ? map?.links.find((l) => l.id === focus.id) : undefined;
  const deleteLink = (id: string) => editMap('Delete link', (m) => ({ ...m, links: m.links.filter((l) => l.id !== id) }));
  if (focus?.kind === 'trace' && result) {
    const items = tracedAt(result, focus.output);
    return (
      <div className="link-details" data-testid="link-details">
        <div><b>{focus.output}</b>: {items.length === 0 ? 'no traced value.' : `${items.length} traced value${items.length > 1 ? 's' : ''}`}</div>
        {items.slice(0, 10).map((t, i) => (
          <div key={i} className="link-details__row">
            <code>{t.targetPath} = {writeJson(t.value)}</code> written by <code>{t.link}</code><MapsCrossed item={t} />
          </div>
        ))}
      </div>
    );
  }
  if (!link && map && (focus?.kind === 'source' || focus?.kind === 'target' || focus?.kind === 'node')) {
    // A field or node: every link that touches it, each with its own delete.
    const touching = map.links.filter((l) => focus.kind === 'node'
      ? ('node' in l.from && l.from.node === focus.id) || ('node' in l.to && l.to.node === focus.id)
      : focus.kind === 'source'
        ? 'source' in l.from && l.from.source === focus.node && l.from.path === focus.path
        : 'target' in l.to && l.to.target === focus.node && l.to.path === focus.path);
    const name = focus.kind === 'node' ? focus.id : focus.path;
    return (
      <div className="link-details" data-testid="link-details">
        <div><b>{name}</b>: {touching.length === 0 ? 'no links.' : `${touching.length} link${touching.length > 1 ? 's' : ''}`}</div>
        {touching.map((l) => (
          <div key={l.id} className="link-details__row" data-link-id={l.id}>
            <code>{end(l.from)}</code> → <code>{end(l.to)}</code> <span className="badge">{l.kind ?? 'value'}</span>
            <button className="link-button" onClick={() => setFocus({ kind: 'link', id: l.id })}>details</button>
            <button className="link-button" data-testid={`delete-link-${l.id}`} onClick={() => deleteLink(l.id)}>delete</button>
          </div>
        ))}
      </div>
    );
  }
  if (!link || !map) return <div className="muted link-details">Select a link, a field or a node on the canvas to see its links.</div>;
  const traceId = `${map.id}/${link.id}`;
  const carried = (trace ?? []).filter((t) => t.link === traceId || t.links.includes(traceId));
  return (
    <div className="link-details" data-testid="link-details">
      <div><b>{link.id}</b> <span className="badge">{link.kind ?? 'value'}</span> <span className="muted">in {map.id}</span></div>
      <div>from <code>{end(link.from)}</code></div>
      <div>to <code>{end(link.to)}</code></div>
      {link.kind === 'context' ? <div className="muted">One target item per source item; links below it read the current item.</div> : null}
      <div className="link-details__values">
        {carried.length === 0 ? <span className="muted">Carried no value in this sample.</span> : carried.slice(0, 10).map((t, i) => (
          <div key={i}><code>{t.sources.map((s) => `${s.path}=${writeJson(s.value)}`).join(', ') || '—'}</code> → <code>{t.outputPath} = {writeJson(t.value)}</code></div>
        ))}
      </div>
      <button onClick={() => { deleteLink(link.id); setFocus(undefined); }} data-testid="delete-link">Delete link</button>
    </div>
  );
}
