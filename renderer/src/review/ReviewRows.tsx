import { useEffect, useRef } from 'react';
import type { ReviewReportMap, ReviewRowView } from '../../../shared/common/review/reviewReport';
import { exportValueMap, focusRow, importValueMapFile } from '../state/reviewActions';
import { filterRows, rowFilterLabels, type RowFilter } from '../state/reviewFilters';
import { useReviewStore } from '../state/reviewStore';
import { ChangedSinceApproval, StatusPill } from './reviewBits';

function RowLine({ row, focused }: { row: ReviewRowView; focused: boolean }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => { if (focused) ref.current?.scrollIntoView({ block: 'nearest' }); }, [focused]);
  const errors = row.issues.filter((i) => i.severity === 'error').length;
  return (
    <tr ref={ref} data-source-code={row.source} data-status={row.status} data-changed={row.changes ? 'true' : undefined}
      aria-selected={focused} className={focused ? 'review-row review-row--focused' : 'review-row'} onClick={() => focusRow(row.source)}>
      <td><StatusPill status={row.status} /></td>
      <td><code className="review-row__code">{row.source}</code>{row.sourceDisplay ? <span className="muted"> {row.sourceDisplay}</span> : null}</td>
      <td>
        <code className="review-row__code">{row.target}</code>{row.display ? <span> {row.display}</span> : null}
        {row.changes ? <ChangedSinceApproval changes={row.changes} /> : null}
      </td>
      <td className="review-row__eq">{row.equivalence}</td>
      <td className="muted">{row.approvals.length > 0 ? `✓ ${row.approvals.map((a) => a.by).join(', ')}` : row.author ? `by ${row.author}` : ''}</td>
      <td className="review-row__marks">
        {/* Words, not an emoji: not every system's fonts have one. */}
        {row.comments.length > 0 ? <span data-testid="review-row-comments">{row.comments.length} comment{row.comments.length === 1 ? '' : 's'}</span> : null}
        {row.issues.length > 0 ? <span className={errors > 0 ? 'error-text' : 'warn-text'} title={row.issues.map((i) => i.message).join('\n')}>⚠ {row.issues.length}</span> : null}
        {row.seen.samples + row.seen.tests > 0 ? <span className="muted" title="Times this code was seen in the samples and test cases">seen {row.seen.samples + row.seen.tests}</span> : null}
      </td>
    </tr>
  );
}

/** The rows of one value map, filtered; the focused row is the one the keys act on. */
export function ReviewRows({ map }: { map: ReviewReportMap }) {
  const row = useReviewStore((s) => s.row);
  const query = useReviewStore((s) => s.rowQuery);
  const filter = useReviewStore((s) => s.rowFilter);
  const set = useReviewStore((s) => s.set);
  const file = useRef<HTMLInputElement>(null);
  const rows = filterRows(map.rows, filter, query);
  const open = rows.filter((r) => r.status !== 'approved').length;

  return (
    <main className="review__rows" data-testid="review-rows" data-value-map={map.id}>
      <div className="review__map-head">
        <h3>{map.name} <code className="muted">{map.id}</code></h3>
        <div className="review__map-facts muted">
          {map.sourceSystem ?? 'no source system'} → {map.targetSystem ?? 'no target system'} · a code without a row {map.unmapped}
          {map.usedIn.length > 0 ? ` · used in ${map.usedIn.join(', ')}` : ' · not used by any map'}
        </div>
        <div className="review__map-actions">
          <button onClick={() => void exportValueMap('conceptmap')} data-testid="review-export-conceptmap" title="FHIR R4 ConceptMap with each row's review as extensions">ConceptMap ↓</button>
          <button onClick={() => void exportValueMap('csv')} data-testid="review-export-csv" title="CSV for spreadsheet review">CSV ↓</button>
          <button onClick={() => file.current?.click()} title="Read a ConceptMap (.json) or CSV back into this value map, rows and review">Import…</button>
          <input ref={file} type="file" accept=".json,.csv,application/json,text/csv" hidden data-testid="review-import-file"
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importValueMapFile(f); }} />
        </div>
      </div>
      <div className="review__filters">
        <input type="search" placeholder="Search rows (/)" aria-label="Search rows" value={query} data-testid="review-row-search"
          onChange={(e) => set({ rowQuery: e.target.value })}
          onKeyDown={(e) => { if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur(); }} />
        <select value={filter} aria-label="Which rows" data-testid="review-row-filter" onChange={(e) => set({ rowFilter: e.target.value as RowFilter })}>
          {(Object.keys(rowFilterLabels) as RowFilter[]).map((f) => <option key={f} value={f}>{rowFilterLabels[f]}</option>)}
        </select>
        <span className="muted">{rows.length} of {map.rows.length} rows</span>
        <button disabled={open === 0} onClick={() => set({ composer: 'bulk-approve' })} data-testid="review-bulk-approve" title="Approve every row shown that is not approved, with one comment (Shift+A)">
          Approve {open} shown…
        </button>
      </div>
      <table className="review-table" data-testid="review-table">
        <thead><tr><th>Status</th><th>Source</th><th>Target</th><th>Equivalence (R4, R5)</th><th>Review</th><th /></tr></thead>
        <tbody>
          {rows.map((r) => <RowLine key={r.source} row={r} focused={r.source === row} />)}
        </tbody>
      </table>
      {rows.length === 0 ? <div className="empty-hint">{map.rows.length === 0 ? 'This value map has no rows.' : 'No row matches.'}</div> : null}
    </main>
  );
}
