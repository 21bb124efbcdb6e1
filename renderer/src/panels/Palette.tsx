import { useEffect, useMemo, useState } from 'react';
import { useFunctionsStore } from '../state/functionsStore';
import { useDocumentStore } from '../state/documentStore';
import { PALETTE_MIME, type PaletteItem } from '../canvas/paletteItems';
import { useViewStore } from '../state/viewStore';

function Item({ item, hint }: { item: PaletteItem; hint?: string }) {
  const editValueMap = useViewStore((s) => s.editValueMap);
  return (
    <div
      className={`palette-item palette-item--${item.kind}`}
      draggable
      data-testid={`palette-${item.kind}${item.kind === 'function' ? `-${item.functionId}` : item.kind === 'valueMap' ? `-${item.valueMapId ?? 'new'}` : ''}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
        e.dataTransfer.effectAllowed = 'copy';
      }}
      title={hint ?? item.label}
      // A click on an existing value map opens its table; dragging it adds a node that uses it.
      onClick={item.kind === 'valueMap' && item.valueMapId !== undefined ? () => editValueMap(item.valueMapId) : undefined}
    >
      {item.label}
    </div>
  );
}

/** Functions and value maps to drag onto the canvas, searchable by name, id or description. */
export function Palette() {
  const functions = useFunctionsStore((s) => s.functions);
  const error = useFunctionsStore((s) => s.error);
  const load = useFunctionsStore((s) => s.load);
  const valueMaps = useDocumentStore((s) => s.spec?.valueMaps);
  const targets = useDocumentStore((s) => s.spec?.targets);
  const [query, setQuery] = useState('');
  useEffect(load, [load]);

  const needle = query.trim().toLowerCase();
  const hit = (...texts: (string | undefined)[]) => needle === '' || texts.some((t) => t?.toLowerCase().includes(needle));
  const groups = useMemo(() => {
    const map = new Map<string, typeof functions>();
    for (const f of functions) {
      const text = `${f.id} ${f.label} ${f.description} ${f.category}`.toLowerCase();
      if (needle === '' || text.includes(needle)) map.set(f.category, [...(map.get(f.category) ?? []), f]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [functions, needle]);

  return (
    <aside className="palette" aria-label="Palette">
      <input className="palette__search" type="search" placeholder="Search functions, maps…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="palette-search" />
      <div className="palette__scroll">
        <h4>Value maps</h4>
        {hit('value map new table') ? <Item item={{ kind: 'valueMap', label: '+ New value map' }} hint="A code table: drop it, then import a ConceptMap or add rows" /> : null}
        {(valueMaps ?? []).filter((m) => hit(m.name, m.id)).map((m) => (
          <Item key={m.id} item={{ kind: 'valueMap', valueMapId: m.id, label: m.name }} hint={`${m.entries.length} codes (${m.id}): click to edit, drag to use`} />
        ))}
        <h4>Basics</h4>
        {hit('constant value') ? <Item item={{ kind: 'constant', label: 'Constant' }} hint="A fixed value: text, number, boolean or JSON" /> : null}
        {hit('condition filter expression if') ? <Item item={{ kind: 'condition', label: 'Condition / filter' }} hint="An expression such as OBX-2 = 'NM'" /> : null}
        {(targets ?? []).filter((t) => hit('reference', t.id)).map((t) => (
          <Item key={t.id} item={{ kind: 'reference', target: t.id, label: `Reference → ${t.label ?? t.id}` }} />
        ))}
        {error ? <div className="error-text">{error}</div> : null}
        {groups.map(([category, list]) => (
          <div key={category}>
            <h4>{category}</h4>
            {list.map((f) => <Item key={f.id} item={{ kind: 'function', functionId: f.id, label: f.label }} hint={`${f.id}\n${f.description}`} />)}
          </div>
        ))}
      </div>
    </aside>
  );
}
