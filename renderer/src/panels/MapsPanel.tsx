import { useMemo } from 'react';
import { mapKinds, type MapKind } from '../../../shared/common/mapping/spec/MappingSpec';
import { mapTypes } from '../../../shared/common/mapping/compile/compileMapping';
import { useDocumentStore } from '../state/documentStore';
import { callersOf } from '../state/mapTrail';

const KIND_TITLE: Record<MapKind, string> = { message: 'Message maps', segment: 'Segment maps', datatype: 'Data type maps' };

/** The bundle's maps by kind, with counts; each opens on the canvas, the one shown is marked. */
export function MapsPanel() {
  const spec = useDocumentStore((s) => s.spec);
  const mapId = useDocumentStore((s) => s.mapId);
  const showMap = useDocumentStore((s) => s.showMap);
  const groups = useMemo(() => mapKinds.map((kind) => ({ kind, maps: (spec?.maps ?? []).filter((m) => m.kind === kind) })).filter((g) => g.maps.length > 0), [spec]);
  if (!spec) return null;
  return (
    <section className="maps-panel" aria-label="Maps" data-testid="maps-panel">
      <h4>Maps <span className="muted">({spec.maps.length})</span></h4>
      {groups.map(({ kind, maps }) => (
        <div key={kind} className="maps-panel__group">
          <div className="maps-panel__kind">{KIND_TITLE[kind]} <span className="muted">{maps.length}</span></div>
          <ul>
            {maps.map((m) => {
              const types = mapTypes(m);
              const callers = callersOf(spec, m.id).length;
              const notes = m.nodes.filter((n) => n.kind === 'note').length;
              return (
                <li key={m.id}>
                  <button
                    className={`maps-panel__map${m.id === mapId ? ' maps-panel__map--current' : ''}`}
                    aria-current={m.id === mapId ? 'true' : undefined}
                    aria-label={m.id}
                    data-testid={`map-${m.id}`}
                    title={`${types.input} → ${types.output} · ${m.nodes.length} nodes, ${m.links.length} links${notes > 0 ? `, ${notes} to do` : ''}${m.kind === 'message' ? '' : ` · called ${callers} time${callers === 1 ? '' : 's'}`}${m.description ? `\n${m.description}` : ''}`}
                    onClick={() => showMap(m.id)}
                  >
                    <span className="maps-panel__id">{m.id}</span>
                    {notes > 0 ? <span className="maps-panel__todo" title={`${notes} note${notes === 1 ? '' : 's'} to do`} data-testid={`todo-count-${m.id}`}>✎ {notes}</span> : null}
                    <span className="maps-panel__count muted">{m.nodes.length}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
