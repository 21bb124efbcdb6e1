import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { changesSinceApproval, type ReviewStatus } from '../valuemaps/rowReview';
import type { ValueMap } from '../valuemaps/ValueMap';
import { currentApprovals, effectiveStatus, reviewPolicyOf, type ReviewPolicy } from './reviewPolicy';
import { valueMapUses } from './valueMapUses';

export interface ValueMapProgress {
  valueMap: string;
  name: string;
  /** A map the mapping runs looks it up (valueMapUses.ts); only these gate a run. */
  inUse: boolean;
  rows: number;
  /** Rows by the status they count as under the bundle's policy. */
  counts: Record<ReviewStatus, number>;
  /** Rows edited after they were approved, not approved again yet. */
  changedSinceApproval: number;
  /** Present when every row is approved: who wrote the rows, who approved them, and when the last approval came. */
  signOff?: { approvedAt: string; approvers: string[]; authors: string[] };
}

/** Review progress of every value map of a mapping, in the mapping's order. */
export function reviewProgress(spec: Pick<MappingSpec, 'maps' | 'valueMaps' | 'settings'>): ValueMapProgress[] {
  const policy = reviewPolicyOf(spec);
  const used = valueMapUses(spec);
  return spec.valueMaps.map((map) => valueMapProgress(map, policy, used.has(map.id)));
}

export function valueMapProgress(map: ValueMap, policy: ReviewPolicy, inUse: boolean): ValueMapProgress {
  const counts: Record<ReviewStatus, number> = { unreviewed: 0, proposed: 0, approved: 0, rejected: 0, 'needs-discussion': 0 };
  let changedSinceApproval = 0;
  for (const entry of map.entries) {
    counts[effectiveStatus(entry, policy)] += 1;
    if (changesSinceApproval(entry) !== undefined) changedSinceApproval += 1;
  }
  const progress: ValueMapProgress = { valueMap: map.id, name: map.name, inUse, rows: map.entries.length, counts, changedSinceApproval };
  if (map.entries.length > 0 && counts.approved === map.entries.length) {
    const approvals = map.entries.flatMap((entry) => currentApprovals(entry));
    const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
    progress.signOff = {
      approvedAt: approvals.map((a) => a.at).sort(byInstant).at(-1) as string,
      approvers: sorted(approvals.map((a) => a.by)),
      authors: sorted(map.entries.flatMap((entry) => (entry.review?.author ? [entry.review.author] : []))),
    };
  }
  return progress;
}

/** ISO instants with offsets compare by the moment, not the text. */
function byInstant(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** `6 rows: 4 approved, 2 needs discussion (1 changed since approval)`: the statuses that have rows, in review order. */
export function describeProgress(progress: ValueMapProgress): string {
  const order: [ReviewStatus, string][] = [['approved', 'approved'], ['proposed', 'proposed'], ['needs-discussion', 'needs discussion'], ['rejected', 'rejected'], ['unreviewed', 'unreviewed']];
  const parts = order.filter(([status]) => progress.counts[status] > 0).map(([status, label]) => `${progress.counts[status]} ${label}`);
  const changed = progress.changedSinceApproval > 0 ? ` (${progress.changedSinceApproval} changed since approval)` : '';
  return `${progress.rows} row${progress.rows === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}${changed}`;
}
