import type { ReviewPolicy } from '../../../shared/common/review/reviewPolicy';
import { setPolicy } from '../state/reviewActions';

/** The bundle's review policy (`settings.review`), which the review core enforces on every approval. */
export function ReviewPolicyBar({ policy }: { policy: ReviewPolicy }) {
  return (
    <fieldset className="review__policy" data-testid="review-policy">
      <legend>Policy</legend>
      <label title="Approvals a row needs, each from a different person (2: the two-person rule)">
        <select value={policy.approvals} aria-label="Approvals per row" data-testid="review-policy-approvals"
          onChange={(e) => setPolicy({ approvals: Number(e.target.value) })}>
          {Array.from({ length: Math.max(3, policy.approvals) }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
        </select> approval{policy.approvals === 1 ? '' : 's'} per row
      </label>
      <label title="The row's last author may not approve it">
        <input type="checkbox" checked={policy.approverNotAuthor} data-testid="review-policy-not-author"
          onChange={(e) => setPolicy({ approverNotAuthor: e.target.checked })} /> approver is not the author
      </label>
      <label title="The runtime refuses to run while a row it can use is not approved">
        <input type="checkbox" checked={policy.requireApproved} data-testid="review-policy-require"
          onChange={(e) => setPolicy({ requireApproved: e.target.checked })} /> runs only when approved
      </label>
    </fieldset>
  );
}
