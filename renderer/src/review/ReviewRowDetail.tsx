import { createRef, useEffect } from 'react';
import type { ReviewReportMap } from '../../../shared/common/review/reviewReport';
import { reviewStatusLabels } from '../../../shared/common/valuemaps/rowReview';
import { useDocumentStore } from '../state/documentStore';
import { act, needsComment, shownRows } from '../state/reviewActions';
import { useReviewStore, type ComposerMode } from '../state/reviewStore';
import { ChangedSinceApproval, StatusPill, When } from './reviewBits';
import { ReviewRowEditor } from './ReviewRowEditor';

const prompts: Record<ComposerMode, string> = {
  comment: 'Comment on this row',
  approve: 'Approve, with this comment (optional)',
  reject: 'Why reject it? (needed)',
  'needs-discussion': 'What needs discussing? (needed)',
  propose: 'Propose it as ready, with this comment (optional)',
  'bulk-approve': '',
};

/** The buttons of the review steps, with their keys. */
const steps: [ComposerMode, string, string][] = [
  ['approve', 'Approve', 'a'], ['needs-discussion', 'Needs discussion', 'd'], ['reject', 'Reject', 'r'], ['propose', 'Propose', 'p'], ['comment', 'Comment', 'c'],
];

/** The comment box, which the keys put the cursor in. */
const commentBox = createRef<HTMLTextAreaElement>();

/** Runs a step now, or points the comment box at it first when it needs words (a bulk approval always asks first). */
export function startStep(mode: ComposerMode): void {
  useReviewStore.getState().set({ composer: mode });
  if (mode === 'bulk-approve' || needsComment(mode)) { commentBox.current?.focus(); return; }
  void act(mode);
}

/** The focused row's review: what it maps, who did what, comments, history, and the steps to take. */
export function ReviewRowDetail({ map }: { map: ReviewReportMap }) {
  const source = useReviewStore((s) => s.row);
  const composer = useReviewStore((s) => s.composer);
  const comment = useReviewStore((s) => s.comment);
  const editing = useReviewStore((s) => s.editing);
  const outcome = useReviewStore((s) => s.outcome);
  const pending = useReviewStore((s) => s.pending);
  const history = useReviewStore((s) => s.history);
  const set = useReviewStore((s) => s.set);
  const row = map.rows.find((r) => r.source === source);
  const entry = useDocumentStore((s) => s.spec?.valueMaps.find((m) => m.id === map.id)?.entries.find((e) => e.source === source));
  // The bulk approval button asks for the comment first.
  useEffect(() => { if (composer === 'bulk-approve') commentBox.current?.focus(); }, [composer]);

  const bulk = composer === 'bulk-approve' ? shownRows().filter((r) => r.status !== 'approved').length : 0;
  const prompt = composer === 'bulk-approve' ? `Approve the ${bulk} row${bulk === 1 ? '' : 's'} shown that ${bulk === 1 ? 'is' : 'are'} not approved, with this comment (optional)` : prompts[composer];
  const send = () => { if (!needsComment(composer)) void act(composer); };

  return (
    <aside className="review__detail" data-testid="review-row-detail" data-source-code={row?.source}>
      {outcome ? (
        <div className={outcome.refused.length > 0 ? 'review__outcome review__outcome--refused' : 'review__outcome'} role="status" data-testid="review-outcome">
          <span>{outcome.text}</span>
          {outcome.refused.length > 0 ? (
            <ul data-testid="review-refused">
              {outcome.refused.map((r) => <li key={r.source} data-refused-source={r.source} data-code={r.code}><b>Refused "{r.source}":</b> {r.message}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
      {!row ? <div className="empty-hint">Choose a row (↑ ↓).</div> : (
        <>
          <h3 className="review__detail-title"><code>{row.source}</code> → <code>{row.target}</code> <StatusPill status={row.status} /></h3>
          <dl className="review__facts">
            <dt>Source</dt><dd><code>{row.source}</code> {row.sourceDisplay ?? <span className="muted">(not in the table)</span>} <span className="muted">{map.sourceSystem}</span></dd>
            <dt>Target</dt><dd><code>{row.target}</code> {row.display ?? ''} <span className="muted">{row.system ?? map.targetSystem}</span></dd>
            <dt>Equivalence</dt><dd>{row.equivalence}</dd>
            {row.note ? <><dt>Note</dt><dd>{row.note}</dd></> : null}
            <dt>Author</dt><dd>{row.author ? <>{row.author}, <When at={row.authoredAt ?? ''} /></> : <span className="muted">—</span>}</dd>
            <dt>Reviewer</dt><dd>{row.reviewer ? <>{row.reviewer}, <When at={row.reviewedAt ?? ''} /></> : <span className="muted">—</span>}</dd>
            <dt>Approvals</dt><dd data-testid="review-approvals">{row.approvals.length > 0 ? row.approvals.map((a) => <span key={a.by} className="review__approval">{a.by}, <When at={a.at} /></span>) : <span className="muted">none</span>}</dd>
            <dt>Seen</dt><dd>{row.seen.samples} in the samples, {row.seen.tests} in the test cases</dd>
          </dl>
          {row.changes ? <ChangedSinceApproval changes={row.changes} /> : null}
          {row.issues.length > 0 ? (
            <ul className="review__issues">{row.issues.map((i) => <li key={i.message} className={i.severity === 'error' ? 'error-text' : 'warn-text'}>{i.message}</li>)}</ul>
          ) : null}
          {editing && entry ? <ReviewRowEditor key={entry.source} row={entry} /> : null}
        </>
      )}
      <div className="review__steps">
        {steps.map(([mode, label, key]) => (
          <button key={mode} disabled={!row} onClick={() => startStep(mode)} data-testid={`review-step-${mode}`} className={composer === mode ? 'review__step--armed' : undefined}>
            {label} <kbd>{key}</kbd>
          </button>
        ))}
        <button disabled={!row} onClick={() => set({ editing: !editing })} data-testid="review-edit">Edit <kbd>e</kbd></button>
      </div>
      <label className="review__composer">
        <span>{prompt}</span>
        <textarea ref={commentBox} value={comment} rows={3} data-testid="review-comment" placeholder="Ctrl+Enter sends · Esc leaves the box"
          onChange={(e) => set({ comment: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); e.currentTarget.blur(); }
            if (e.key === 'Escape') { e.preventDefault(); set({ composer: 'comment' }); e.currentTarget.blur(); }
          }} />
      </label>
      <div className="review__send">
        <button onClick={send} disabled={needsComment(composer) || (composer !== 'bulk-approve' && !row)} data-testid="review-send">
          {composer === 'bulk-approve' ? `Approve ${bulk} rows` : steps.find(([m]) => m === composer)?.[1]} <kbd>Ctrl+Enter</kbd>
        </button>
        {pending > 0 ? <span className="muted">saving…</span> : null}
      </div>
      {row ? (
        <>
          <h4>Comments</h4>
          {row.comments.length === 0 ? <p className="muted">No comments yet.</p> : (
            <ol className="review__thread" data-testid="review-thread">
              {row.comments.map((c, i) => <li key={i}><b>{c.by}</b> <When at={c.at} /><p>{c.text}</p></li>)}
            </ol>
          )}
          <h4>History</h4>
          <ol className="review__history" data-testid="review-history">
            {history.map((e) => (
              <li key={e.id} data-action={e.action}>
                <When at={e.at} /> · <b>{e.by}</b> <span className="muted">({e.role})</span> {e.action}
                {e.from !== e.to ? <> · {reviewStatusLabels[e.from]} → {reviewStatusLabels[e.to]}</> : null}
                {e.changes?.length ? <> · {e.changes.map((c) => `${c.field}: ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`).join('; ')}</> : null}
                {e.comment ? <> · “{e.comment}”</> : null}
              </li>
            ))}
            {history.length === 0 ? <li className="muted">Nothing recorded in this workspace yet.</li> : null}
          </ol>
        </>
      ) : null}
    </aside>
  );
}
