import type { MappingSpec } from '../mapping/spec/MappingSpec';
import type { ValueMapEntry } from '../valuemaps/ValueMap';
import { rowDigest, type ReviewApproval, type ReviewStatus } from '../valuemaps/rowReview';

/** A bundle's review policy with its defaults filled in (`settings.review` in the mapping). */
export interface ReviewPolicy {
  /** Approvals a row needs, each from a different person. */
  approvals: number;
  /** An approver may not be the row's last author. */
  approverNotAuthor: boolean;
  /** The runtime refuses to run while a row the mapping can use is not approved. */
  requireApproved: boolean;
}

export const defaultReviewPolicy: Readonly<ReviewPolicy> = Object.freeze({ approvals: 1, approverNotAuthor: false, requireApproved: false });

export function reviewPolicyOf(spec: Pick<MappingSpec, 'settings'>): ReviewPolicy {
  const settings = spec.settings.review ?? {};
  return {
    approvals: settings.approvals ?? defaultReviewPolicy.approvals,
    approverNotAuthor: settings.approverNotAuthor ?? defaultReviewPolicy.approverNotAuthor,
    requireApproved: settings.requireApproved ?? defaultReviewPolicy.requireApproved,
  };
}

/**
 * Why a row that says "approved" does not count as approved under the policy, or undefined when
 * it does. Only approvals of the row as it is count (their digest matches), each once, and not
 * the author's own when the policy says so. A row approved under an older, weaker policy (one
 * approval, then the bundle asked for two), or changed since outside the review, is held to the
 * policy and the content the bundle has now.
 */
export function approvalShortfall(entry: ValueMapEntry, policy: ReviewPolicy): string | undefined {
  const review = entry.review;
  if (review?.status !== 'approved') return undefined;
  const approvals = review.approvals ?? [];
  const current = currentApprovals(entry);
  const counted = withoutAuthor(current, entry, policy);
  if (counted.length >= policy.approvals) return undefined;
  if (current.length < approvals.length) return 'it changed outside the review after it was approved, so its approvals are for another version of it';
  const own = counted.length < current.length ? ', since its author\'s own approval does not count' : '';
  return `it has ${counted.length} of the ${policy.approvals} approval${policy.approvals === 1 ? '' : 's'} the bundle requires${own}`;
}

/** The approvals of the row as it is now (their digest is the row's). */
export function currentApprovals(entry: ValueMapEntry): ReviewApproval[] {
  const digest = rowDigest(entry);
  return (entry.review?.approvals ?? []).filter((approval) => approval.row === digest);
}

/** The approvals that count toward the policy: current ones, without the last author's own when the policy says so. */
export function countedApprovals(entry: ValueMapEntry, policy: ReviewPolicy): ReviewApproval[] {
  return withoutAuthor(currentApprovals(entry), entry, policy);
}

function withoutAuthor(approvals: ReviewApproval[], entry: ValueMapEntry, policy: ReviewPolicy): ReviewApproval[] {
  const author = entry.review?.author;
  return approvals.filter((approval) => !(policy.approverNotAuthor && author !== undefined && approval.by === author));
}

/** The status a row counts as: its own, except an "approved" the policy does not accept counts as proposed. */
export function effectiveStatus(entry: ValueMapEntry, policy: ReviewPolicy): ReviewStatus {
  const status = entry.review?.status ?? 'unreviewed';
  return status === 'approved' && approvalShortfall(entry, policy) !== undefined ? 'proposed' : status;
}

export function isRowApproved(entry: ValueMapEntry, policy: ReviewPolicy): boolean {
  return effectiveStatus(entry, policy) === 'approved';
}
