import { useEffect, useId, useMemo, useRef, useState } from 'react';

export interface SearchOption {
  value: string;
  label: string;
  /** Shown after the label, and searched too (a description, trigger events). */
  detail?: string;
}

interface SearchListProps {
  /** The accessible name of the search field (`Message structure`, `Target resources`). */
  label: string;
  /** The list's own name, not containing `label` (`Structures found`), so a search by the field's label finds the field alone. */
  listLabel: string;
  options: readonly SearchOption[];
  selected: readonly string[];
  /** Several may be chosen (each pick toggles one); else a pick replaces the choice. */
  multiple?: boolean;
  onPick(value: string): void;
  placeholder?: string;
  autoFocus?: boolean;
  /** At most this many matches are listed (the search narrows the rest). */
  limit?: number;
}

/**
 * A search field over a list (ARIA combobox with an always-open listbox): typing filters by every
 * word, ↑/↓ move, Enter picks the one marked (so Enter in an empty search still submits the
 * dialog), a click picks. Options are buttons-free rows, so a list of 250 structures stays light.
 */
export function SearchList({ label, listLabel, options, selected, multiple, onPick, placeholder, autoFocus, limit = 300 }: SearchListProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | undefined>(undefined);
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = options.filter((o) => {
      const text = `${o.value} ${o.label} ${o.detail ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    // An exact name first: typing ORU_R01 puts ORU_R01 on top, ahead of ORU_R30's description.
    const exact = query.trim().toLowerCase();
    return [...found.filter((o) => o.value.toLowerCase() === exact), ...found.filter((o) => o.value.toLowerCase() !== exact)].slice(0, limit);
  }, [options, query, limit]);
  const chosen = new Set(selected);
  // The one choice stays in sight when the search is cleared (scrolling the list only, not the dialog).
  const only = multiple ? undefined : selected[0];
  useEffect(() => {
    const el = list.current;
    const row = el?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (el && row) el.scrollTop = Math.max(0, row.offsetTop - el.clientHeight / 2);
  }, [only, matches]);

  const pick = (value: string) => {
    onPick(value);
    setQuery('');
    setActive(undefined);
  };
  const move = (step: number) => {
    if (matches.length === 0) return;
    const next = active === undefined ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length;
    setActive(next);
    list.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="search-list">
      <input
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active !== undefined ? `${id}-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        data-autofocus={autoFocus ? '' : undefined}
        onChange={(e) => { setQuery(e.target.value); setActive(e.target.value.trim() === '' ? undefined : 0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
          else if (e.key === 'Enter' && active !== undefined && matches[active]) { e.preventDefault(); pick(matches[active].value); }
        }}
      />
      <ul className="search-list__options" role="listbox" id={`${id}-list`} aria-label={listLabel} aria-multiselectable={multiple ? 'true' : undefined} ref={list}>
        {matches.map((o, i) => (
          <li
            key={o.value}
            id={`${id}-${i}`}
            role="option"
            aria-selected={chosen.has(o.value)}
            className={`search-list__option${i === active ? ' search-list__option--active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o.value)}
          >
            {multiple ? <span className="search-list__check" aria-hidden="true">{chosen.has(o.value) ? '☑' : '☐'}</span> : null}
            <span className="search-list__label">{o.label}</span>
            {o.detail ? <span className="search-list__detail">{o.detail}</span> : null}
          </li>
        ))}
        {matches.length === 0 ? <li className="search-list__none" role="presentation">Nothing matches “{query}”.</li> : null}
      </ul>
    </div>
  );
}
