import { useEffect, useMemo, useState } from 'react';
import { useFunctionsStore } from '../state/functionsStore';
import { useDocumentStore } from '../state/documentStore';
import { PALETTE_MIME, paletteEntries, paletteTestId, type PaletteEntry } from '../canvas/paletteItems';
import { useViewStore } from '../state/viewStore';
import { LIBRARY_MIME, copyIntoBundle, libraryMaps, type LibraryMapSummary } from '../state/mapLibrary';
import { MapsPanel } from './MapsPanel';

function Item({ entry }: { entry: PaletteEntry }) {
  const editValueMap = useViewStore((s) => s.editValueMap);
  // A click on an existing value map opens its table; dragging it adds a node that uses it.
  const open = entry.kind === 'valueMap' && entry.key !== 'new' ? () => editValueMap(entry.key) : undefined;
  return (
    <div
      className={`palette-item palette-item--${entry.kind}`}
      draggable
      data-testid={paletteTestId(entry)}
      onDragStart={(e) => {
        e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(entry));
        e.dataTransfer.effectAllowed = 'copy';
      }}
      title={entry.hint ?? entry.label}
      onClick={open}
    >
      {entry.label}
    </div>
  );
}

function LibraryItem({ map }: { map: LibraryMapSummary }) {
  const inBundle = useDocumentStore((s) => s.spec?.maps.some((m) => m.id === map.id) ?? false);
  return (
    <div
      className="palette-item palette-item--library"
      draggable
      data-testid={`library-${map.id}`}
      title={`${map.title}\n${map.description}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(LIBRARY_MIME, map.id);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <span>{map.id}</span>
      <button className="link-button nodrag" disabled={inBundle} onClick={() => copyIntoBundle(map.id)} aria-label={`Copy ${map.id} into the bundle`}>{inBundle ? 'in bundle' : 'copy'}</button>
    </div>
  );
}

/** Fixed sections first, then the function categories alphabetically. */
const SECTION_ORDER = ['Maps', 'Value maps', 'Basics'];

/** The maps of the bundle, then everything to drag onto the canvas (from the node kinds' views), searchable. */
export function Palette() {
  const functions = useFunctionsStore((s) => s.functions);
  const byId = useFunctionsStore((s) => s.byId);
  const error = useFunctionsStore((s) => s.error);
  const load = useFunctionsStore((s) => s.load);
  const spec = useDocumentStore((s) => s.spec);
  const mapId = useDocumentStore((s) => s.mapId);
  const [query, setQuery] = useState('');
  useEffect(load, [load]);

  const needle = query.trim().toLowerCase();
  const sections = useMemo(() => {
    const entries = spec ? paletteEntries(spec, mapId, functions, byId) : [];
    const bySection = new Map<string, PaletteEntry[]>();
    for (const entry of entries) {
      const text = `${entry.label} ${entry.key} ${entry.keywords ?? ''} ${entry.section}`.toLowerCase();
      if (needle !== '' && !text.includes(needle)) continue;
      bySection.set(entry.section, [...(bySection.get(entry.section) ?? []), entry]);
    }
    const rank = (s: string) => (SECTION_ORDER.includes(s) ? SECTION_ORDER.indexOf(s) : SECTION_ORDER.length);
    return [...bySection.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  }, [spec, mapId, functions, byId, needle]);
  const library = useMemo(() => libraryMaps().filter((m) => needle === '' || `${m.id} ${m.title} ${m.description}`.toLowerCase().includes(needle)), [needle]);

  return (
    <aside className="palette" aria-label="Palette">
      <MapsPanel />
      <input className="palette__search" type="search" placeholder="Search functions, maps…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="palette-search" />
      <div className="palette__scroll">
        {error ? <div className="error-text">{error}</div> : null}
        {sections.map(([section, list]) => (
          <div key={section}>
            <h4>{section === 'Maps' ? 'Apply a map' : section}</h4>
            {list.map((entry) => <Item key={`${entry.kind}|${entry.key}`} entry={entry} />)}
          </div>
        ))}
        {library.length > 0 ? (
          <div>
            <h4>Library</h4>
            {library.map((m) => <LibraryItem key={m.id} map={m} />)}
          </div>
        ) : null}
      </div>
    </aside>
  );
}
