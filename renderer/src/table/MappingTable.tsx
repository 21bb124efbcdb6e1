import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { mappingRows, type MappingRow, type MapRows } from '../../../shared/common/mapping/read/mappingRows';
import { rowsToCsv } from '../../../shared/common/mapping/read/rowsCsv';
import { specPortEnv } from '../../../shared/common/mapping/read/specPortEnv';
import { applyRowEdit, type RowEdit } from '../../../shared/common/mapping/edit/rowEdits';
import { useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { downloadRowsCsv } from '../state/fileActions';
import { CommitInput } from '../panels/CommitInput';
import { constantFromText, constantText } from '../canvas/nodes/constantText';
import { revealLink } from '../canvas/revealOnCanvas';
import { TABLE_COLUMNS, cellText, tableRows, type TableColumn, type TableQuery } from './tableRows';

/** One row edit as one undoable document edit, shown in the map it changed; a refused edit says why. */
function applyEdit(label: string, edit: RowEdit): void {
  const doc = useDocumentStore.getState();
  if (!doc.spec) return;
  try {
    applyRowEdit(doc.spec, edit);
    doc.edit(label, (spec) => applyRowEdit(spec, edit), edit.map);
  } catch (error) {
    useViewStore.getState().toast('error', error instanceof Error ? error.message : String(error));
  }
}

function openOnCanvas(row: MappingRow): void {
  revealLink(row.map, row.link, { links: row.links, nodes: row.nodes });
}

/** A cell that edits in place when the row offers that edit, else reads as text. */
function Cell({ row, column, valueMapIds }: { row: MappingRow; column: TableColumn; valueMapIds: readonly string[] }) {
  const edits = row.edits;
  if (column === 'sources' && edits?.source) {
    const { link, path } = edits.source;
    return <CommitInput className="mapping-table__input" aria-label={`Source of ${row.id}`} value={path} required
      onCommit={(next) => applyEdit('Change source', { kind: 'source', map: row.map, link, path: next.trim() })} />;
  }
  if (column === 'valueMap' && edits?.valueMap) {
    const { node, valueMap } = edits.valueMap;
    return (
      <select className="mapping-table__input" aria-label={`Value map of ${row.id}`} value={valueMap}
        onChange={(e) => applyEdit('Choose value map', { kind: 'valueMap', map: row.map, node, valueMap: e.target.value })}>
        {valueMapIds.map((id) => <option key={id} value={id}>{id}</option>)}
      </select>
    );
  }
  if (column === 'transforms' && edits?.constant) {
    const { node, value } = edits.constant;
    const rest = row.steps.filter((s) => s.node !== node).map((s) => s.text).join(' → ');
    return (
      <span className="mapping-table__constant">
        <CommitInput className="mapping-table__input" aria-label={`Constant of ${row.id}`} value={constantText(value)} title="A string, or JSON (a number, true/false, an object); every row reading this constant changes"
          onCommit={(text) => applyEdit('Set constant', { kind: 'constant', map: row.map, node, value: constantFromText(text) })} />
        {rest ? <span className="muted"> {rest}</span> : null}
      </span>
    );
  }
  const text = cellText(row, column);
  if (column === 'target') return <span style={{ paddingLeft: row.depth * 14 }} title={row.rule}>{text}</span>;
  return <span title={text}>{text}</span>;
}

function SortButton({ column, title, sort, setSort }: { column: TableColumn; title: string; sort: TableQuery['sort']; setSort(sort: TableQuery['sort']): void }) {
  const on = sort?.column === column;
  const next = !on ? { column, descending: false } : !sort.descending ? { column, descending: true } : undefined;
  return (
    <button className="mapping-table__sort" onClick={() => setSort(next)} title={`Sort by ${title.toLowerCase()}`}>
      {title}{on ? (sort.descending ? ' ▼' : ' ▲') : ''}
    </button>
  );
}

/** Moves the keyboard between rows: ↑/↓, Home/End, Page up/down; Enter opens the row's link on the canvas. */
function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, row: MappingRow): void {
  if (event.target !== event.currentTarget) return;
  const tr = event.currentTarget;
  const rows = [...(tr.parentElement?.children ?? [])] as HTMLElement[];
  const at = rows.indexOf(tr);
  const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1, PageDown: at + 10, PageUp: at - 10 }[event.key];
  if (go !== undefined) {
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, go))]?.focus();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    openOnCanvas(row);
  }
}

/**
 * The mapping as a table (issue 9 item 3): one row per link onto a target element, from the one
 * row model (`shared/common/mapping/read`, as `crosswalk show` and the documentation read it).
 * Simple rows edit in place as one undo step each; any row opens the canvas at its link.
 */
export function MappingTable() {
  const spec = useDocumentStore((s) => s.spec);
  const [query, setQuery] = useState<TableQuery>({ search: '', map: '', only: '' });
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const body = useRef<HTMLTableSectionElement>(null);
  const model = useMemo((): { maps: MapRows[]; error?: string } => {
    if (!spec) return { maps: [] };
    try {
      return { maps: mappingRows(spec, specPortEnv(spec)) };
    } catch (error) {
      return { maps: [], error: error instanceof Error ? error.message : String(error) };
    }
  }, [spec]);
  const rows = useMemo(() => tableRows(model.maps, query), [model, query]);
  const valueMapIds = useMemo(() => (spec?.valueMaps ?? []).map((v) => v.id), [spec]);
  const total = model.maps.reduce((n, m) => n + m.rows.length, 0);
  const focusable = rows.some((r) => r.id === current) ? current : rows[0]?.id;
  if (!spec) return null;
  return (
    <div className="mapping-table" data-testid="mapping-table">
      <div className="mapping-table__tools" role="search">
        <input type="search" aria-label="Search rows" placeholder="Search target, source, transform, note…" value={query.search}
          onChange={(e) => setQuery({ ...query, search: e.target.value })}
          onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); (body.current?.querySelector('tr') as HTMLElement | null)?.focus(); } }} />
        <label>Map <select aria-label="Map" value={query.map} onChange={(e) => setQuery({ ...query, map: e.target.value })}>
          <option value="">All maps</option>
          {model.maps.map((m) => <option key={m.map} value={m.map}>{m.map} ({m.rows.length})</option>)}
        </select></label>
        <label>Show <select aria-label="Show" value={query.only} onChange={(e) => setQuery({ ...query, only: e.target.value as TableQuery['only'] })}>
          <option value="">All rows</option>
          <option value="editable">Editable in place</option>
          <option value="valueMap">With a value map</option>
          <option value="condition">With a condition</option>
        </select></label>
        <span className="muted" data-testid="mapping-table-count">{rows.length === total ? `${total} rows` : `${rows.length} of ${total} rows`}</span>
        <button onClick={() => downloadRowsCsv(rowsToCsv(model.maps))} title="Every row of every map as CSV, for a spreadsheet">Export CSV</button>
      </div>
      {model.error ? <div className="error-text empty-hint">{model.error}</div> : null}
      <div className="mapping-table__scroll">
        <table aria-label="Mapping rules" aria-rowcount={rows.length}>
          <colgroup>
            {TABLE_COLUMNS.map((c) => <col key={c.key} className={`col-${c.key}`} />)}
            <col className="col-open" />
          </colgroup>
          <thead>
            <tr>
              {TABLE_COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={query.sort?.column === c.key ? (query.sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <SortButton column={c.key} title={c.title} sort={query.sort} setSort={(sort) => setQuery({ ...query, sort })} />
                </th>
              ))}
              <th scope="col"><span className="sr-only">Canvas</span></th>
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map((row) => (
              <tr key={row.id} data-row-id={row.id} data-row-kind={row.kind} tabIndex={row.id === focusable ? 0 : -1}
                className={row.edits?.source || row.edits?.valueMap || row.edits?.constant ? 'mapping-table__row--editable' : undefined}
                onFocus={() => setCurrent(row.id)} onKeyDown={(e) => onRowKey(e, row)} onDoubleClick={() => openOnCanvas(row)}>
                {TABLE_COLUMNS.map((c) => <td key={c.key} data-column={c.key}><Cell row={row} column={c.key} valueMapIds={valueMapIds} /></td>)}
                <td><button className="link-button" aria-label={`Open ${row.id} on the canvas`} title="Open the canvas at this link" onClick={() => openOnCanvas(row)}>canvas ›</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <div className="muted empty-hint">{total === 0 ? 'No link writes a target element yet.' : 'No row matches.'}</div> : null}
      </div>
    </div>
  );
}
