import { useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { usePreviewStore } from '../preview/previewStore';
import type { Link } from '../../../shared/common/mapping/spec/MappingSpec';

function end(e: Link['from'] | Link['to']): string {
  if ('source' in e) return `${e.source} · ${e.path}`;
  if ('target' in e) return `${e.target} · ${e.path}`;
  return `${e.node} · ${e.port}`;
}

/** The selected link: its ends, kind, and the values it carried in the current preview. */
export function LinkDetails() {
  const focus = useViewStore((s) => s.focus);
  const spec = useDocumentStore((s) => s.spec);
  const edit = useDocumentStore((s) => s.edit);
  const setFocus = useViewStore((s) => s.setFocus);
  const trace = usePreviewStore((s) => s.result?.trace);
  const link = focus?.kind === 'link' ? spec?.links.find((l) => l.id === focus.id) : undefined;
  if (!link) return <div className="muted link-details">Select a link on the canvas to see what it carries.</div>;
  const carried = (trace ?? []).filter((t) => t.links.includes(link.id));
  return (
    <div className="link-details" data-testid="link-details">
      <div><b>{link.id}</b> <span className="badge">{link.kind ?? 'value'}</span></div>
      <div>from <code>{end(link.from)}</code></div>
      <div>to <code>{end(link.to)}</code></div>
      {link.kind === 'context' ? <div className="muted">One target item per source item; links below it read the current item.</div> : null}
      <div className="link-details__values">
        {carried.length === 0 ? <span className="muted">Carried no value in this sample.</span> : carried.slice(0, 10).map((t, i) => (
          <div key={i}><code>{t.sources.map((s) => `${s.path}=${JSON.stringify(s.value)}`).join(', ') || '—'}</code> → <code>{t.targetPath} = {JSON.stringify(t.value)}</code></div>
        ))}
      </div>
      <button onClick={() => { edit('Delete link', (s) => ({ ...s, links: s.links.filter((l) => l.id !== link.id) })); setFocus(undefined); }} data-testid="delete-link">Delete link</button>
    </div>
  );
}
