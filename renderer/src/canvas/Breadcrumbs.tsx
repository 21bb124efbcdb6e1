import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { useDocumentStore } from '../state/documentStore';

/** The maps opened on the way to the one shown (ADT_A01 (message map) › PID[Patient] › CX[Identifier]); each goes back there. */
export function Breadcrumbs() {
  const trail = useDocumentStore((s) => s.trail);
  const mapId = useDocumentStore((s) => s.mapId);
  const spec = useDocumentStore((s) => s.spec);
  const openMap = useDocumentStore((s) => s.openMap);
  return (
    <nav className="breadcrumbs" aria-label="Map path" data-testid="breadcrumbs">
      {trail.map((id, i) => {
        const map = spec ? findMap(spec, id) : undefined;
        const current = id === mapId;
        return (
          <span key={id} className="breadcrumbs__step">
            {i > 0 ? <span className="breadcrumbs__sep" aria-hidden="true">›</span> : null}
            <button
              className={`breadcrumbs__crumb${current ? ' breadcrumbs__crumb--current' : ''}`}
              aria-current={current ? 'page' : undefined}
              aria-label={id}
              title={map?.label ?? map?.description ?? id}
              onClick={() => openMap(id)}
            >
              {id}{i === 0 && map ? <span className="muted"> ({map.kind} map)</span> : null}
            </button>
          </span>
        );
      })}
      {trail.length > 1 ? <span className="breadcrumbs__hint muted">Backspace goes back</span> : null}
    </nav>
  );
}
