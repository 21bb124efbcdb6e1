import type { ReviewReportMap, ReviewRowView } from '../../../shared/common/review/reviewReport';
import type { ReviewStatus } from '../../../shared/common/valuemaps/rowReview';

/** Which rows the review shows: all, those still open (not approved), one status, or those changed since approval. */
export type RowFilter = 'all' | 'open' | 'changed' | ReviewStatus;
/** Which value maps the review lists. */
export type MapFilter = 'all' | 'open' | 'signed-off' | 'in-use';

export const rowFilterLabels: Record<RowFilter, string> = {
  all: 'all rows', open: 'not approved', changed: 'changed since approval', unreviewed: 'unreviewed', proposed: 'proposed',
  'needs-discussion': 'needs discussion', rejected: 'rejected', approved: 'approved',
};
export const mapFilterLabels: Record<MapFilter, string> = { all: 'all value maps', open: 'with rows not approved', 'signed-off': 'signed off', 'in-use': 'in use' };

const matches = (query: string, ...texts: (string | undefined)[]): boolean => {
  const q = query.trim().toLowerCase();
  return q === '' || texts.some((text) => text?.toLowerCase().includes(q));
};

/** The rows a filter and a search (source code or display, target code or display) leave, in table order. */
export function filterRows(rows: readonly ReviewRowView[], filter: RowFilter, query: string): ReviewRowView[] {
  return rows.filter((row) => {
    const kept = filter === 'all' ? true
      : filter === 'open' ? row.status !== 'approved'
        : filter === 'changed' ? row.changes !== undefined
          : row.status === filter;
    return kept && matches(query, row.source, row.sourceDisplay, row.target, row.display);
  });
}

/** The value maps a filter and a search (id or name) leave, in the mapping's order. */
export function filterMaps(maps: readonly ReviewReportMap[], filter: MapFilter, query: string): ReviewReportMap[] {
  return maps.filter((map) => {
    const kept = filter === 'all' ? true
      : filter === 'open' ? map.progress.counts.approved < map.progress.rows
        : filter === 'signed-off' ? map.progress.signOff !== undefined
          : map.usedIn.length > 0;
    return kept && matches(query, map.id, map.name);
  });
}

/**
 * The row `step` places from `from` (wrapping at neither end), or the next/previous row that is
 * not approved when `open` is set (wrapping around: "next unreviewed" finds one anywhere).
 */
export function moveInRows(rows: readonly ReviewRowView[], from: string | undefined, step: 1 | -1, open = false): string | undefined {
  if (rows.length === 0) return undefined;
  const at = rows.findIndex((row) => row.source === from);
  if (!open) {
    if (at < 0) return rows[step > 0 ? 0 : rows.length - 1].source;
    return rows[Math.min(rows.length - 1, Math.max(0, at + step))].source;
  }
  for (let i = 1; i <= rows.length; i++) {
    const index = (((at < 0 ? (step > 0 ? -1 : 0) : at) + step * i) % rows.length + rows.length) % rows.length;
    if (rows[index].status !== 'approved') return rows[index].source;
  }
  return from;
}
