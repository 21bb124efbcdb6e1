import type { MappingSpec } from '../mapping/spec/MappingSpec';
import type { ValueMapEntry } from '../valuemaps/ValueMap';
import type { ReviewStatus } from '../valuemaps/rowReview';

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
 * it does. A row approved under an older, weaker policy (one approval, then the bundle asked for
 * two), or whose approvals were written by hand, is held to the policy the bundle has now.
 */
export function approvalShortfall(entry: ValueMapEntry, policy: ReviewPolicy): string | undefined {
  const review = entry.review;
  if (review?.status !== 'approved') return undefined;
  const approvals = review.approvals ?? [];
  const approvers = approvals.filter((approval) => !(policy.approverNotAuthor && review.author !== undefined && approval.by === review.author));
  if (approvers.length < policy.approvals) {
    const own = approvers.length < approvals.length ? ', since its author\'s own approval does not count' : '';
    return `it has ${approvers.length} of the ${policy.approvals} approval${policy.approvals === 1 ? '' : 's'} the bundle requires${own}`;
  }
  return undefined;
}

/** The status a row counts as: its own, except an "approved" the policy does not accept counts as proposed. */
export function effectiveStatus(entry: ValueMapEntry, policy: ReviewPolicy): ReviewStatus {
  const status = entry.review?.status ?? 'unreviewed';
  return status === 'approved' && approvalShortfall(entry, policy) !== undefined ? 'proposed' : status;
}

export function isRowApproved(entry: ValueMapEntry, policy: ReviewPolicy): boolean {
  return effectiveStatus(entry, policy) === 'approved';
}
