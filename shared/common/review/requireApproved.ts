import { CrosswalkError } from '../errors/CrosswalkError';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { changesSinceApproval, reviewStatusLabels } from '../valuemaps/rowReview';
import { approvalShortfall, effectiveStatus, reviewPolicyOf } from './reviewPolicy';
import { valueMapUses } from './valueMapUses';

/** The first row a running mapping could use that is not approved: value maps in id order, rows in table order. */
export interface UnapprovedRow {
  valueMap: string;
  valueMapIndex: number;
  source: string;
  entryIndex: number;
  /** Why, as the end of a sentence: `it needs discussion`, `it has 1 of the 2 approvals the bundle requires`. */
  why: string;
}

export function firstUnapprovedRow(spec: Pick<MappingSpec, 'maps' | 'valueMaps' | 'settings'>): UnapprovedRow | undefined {
  const policy = reviewPolicyOf(spec);
  const used = valueMapUses(spec);
  for (const [valueMapIndex, map] of spec.valueMaps.entries()) {
    if (!used.has(map.id)) continue;
    for (const [entryIndex, entry] of map.entries.entries()) {
      const status = effectiveStatus(entry, policy);
      if (status === 'approved') continue;
      const shortfall = approvalShortfall(entry, policy);
      const why = shortfall ?? (status === 'needs-discussion' ? 'it needs discussion' : changesSinceApproval(entry) ? `it changed since it was approved and is ${reviewStatusLabels[status]}` : `it is ${reviewStatusLabels[status]}`);
      return { valueMap: map.id, valueMapIndex, source: entry.source, entryIndex, why };
    }
  }
  return undefined;
}

/**
 * Refuses a mapping that may use a row not approved (the bundle's `settings.review.requireApproved`,
 * `crosswalk run --require-approved`). One sentence naming the first such map and row; the source
 * code quoted is the table's, not a message's.
 */
export function assertApproved(spec: Pick<MappingSpec, 'maps' | 'valueMaps' | 'settings'>): void {
  const row = firstUnapprovedRow(spec);
  if (row === undefined) return;
  throw new CrosswalkError(
    'REVIEW_NOT_APPROVED',
    `Value map "${row.valueMap}" row "${row.source}" is not approved (${row.why}), and this bundle runs only when every value-map row it can use is approved.`,
    { path: `mapping.valueMaps[${row.valueMapIndex}].entries[${row.entryIndex}]` },
  );
}
