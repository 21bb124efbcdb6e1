import { reviewStatusLabels, type ReviewStatus } from '../../../shared/common/valuemaps/rowReview';

/** A row's review status as a coloured label. */
export function StatusPill({ status }: { status: ReviewStatus }) {
  return <span className={`review-pill review-pill--${status}`} data-testid="review-status">{reviewStatusLabels[status]}</span>;
}

/** "Changed since approval" with what changed, old → new, as the reviewer must see it before approving again. */
export function ChangedSinceApproval({ changes }: { changes: { field: string; from?: string; to?: string }[] }) {
  return (
    <div className="review-changed" data-testid="review-changed">
      <b>changed since approval</b>
      {changes.map((change) => (
        <span key={change.field} className="review-changed__field">
          {change.field}: <del>{change.from ?? '(none)'}</del> → <ins>{change.to ?? '(none)'}</ins>
        </span>
      ))}
    </div>
  );
}

/** An instant as people read it in a list (`2026-11-26 09:01 UTC`), the full text on hover. */
export function When({ at }: { at: string }) {
  const date = new Date(at);
  const shown = Number.isNaN(date.getTime()) ? at : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return <time dateTime={at} title={at}>{shown}</time>;
}
