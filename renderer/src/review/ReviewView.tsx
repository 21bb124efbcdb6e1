import { useEffect, useMemo } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { exportReviewReport, refreshSummary, reviewOf, selectValueMap, toggleReview } from '../state/reviewActions';
import { useReviewStore } from '../state/reviewStore';
import { ReviewMapList } from './ReviewMapList';
import { ReviewPolicyBar } from './ReviewPolicyBar';
import { ReviewRowDetail } from './ReviewRowDetail';
import { ReviewRows } from './ReviewRows';
import { useReviewKeys } from './useReviewKeys';
import './review.css';

/** How long the review waits after an edit before asking the host for coverage again. */
const SUMMARY_DELAY_MS = 400;

/**
 * The review mode: every value map of the bundle with its progress and coverage on the left, the
 * rows of the one chosen in the middle, the focused row's review (comments, history, actions) on
 * the right. Keyboard-first (useReviewKeys); every step goes through the review core on the host.
 */
export function ReviewView() {
  const spec = useDocumentStore((s) => s.spec);
  const metadata = useDocumentStore((s) => s.metadata);
  const samples = useDocumentStore((s) => s.samples);
  const summary = useReviewStore((s) => s.summary);
  const summaryState = useReviewStore((s) => s.summaryState);
  const mapId = useReviewStore((s) => s.mapId);
  const reviewer = useReviewStore((s) => s.reviewer);
  const set = useReviewStore((s) => s.set);
  const report = useMemo(() => (spec ? reviewOf(spec, metadata, summary) : undefined), [spec, metadata, summary]);
  useReviewKeys();

  // Coverage follows the value maps and the samples (codes seen), a moment after they change.
  const valueMaps = spec?.valueMaps;
  useEffect(() => {
    const timer = setTimeout(() => void refreshSummary(), SUMMARY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [valueMaps, samples]);

  useEffect(() => {
    if (!report) return;
    if (mapId === undefined || !report.maps.some((m) => m.id === mapId)) selectValueMap(report.maps[0]?.id);
  }, [report, mapId]);

  if (!report) return <section className="review" data-testid="review-view"><div className="empty-hint">Open a mapping to review its value maps.</div></section>;
  const signedOff = report.maps.filter((m) => m.progress.signOff !== undefined).length;
  const map = report.maps.find((m) => m.id === mapId);
  return (
    <section className="review" data-testid="review-view" aria-label="Value-map review">
      <header className="review__head">
        <h2>Value-map review</h2>
        <span className={report.approved ? 'review__verdict review__verdict--ok' : 'review__verdict'} data-testid="review-verdict">
          {signedOff} of {report.maps.length} value maps signed off
          {report.firstUnapproved ? ` · first open: "${report.firstUnapproved.valueMap}" row "${report.firstUnapproved.source}"` : ' · every row in use approved'}
        </span>
        {summaryState === 'loading' ? <span className="muted">checking coverage…</span> : typeof summaryState === 'object' ? <span className="error-text" title={summaryState.error}>coverage unavailable</span> : null}
        <ReviewPolicyBar policy={report.policy} />
        <button className="review__who" data-testid="reviewer-chip" onClick={() => set({ settingsOpen: true })} title="Who you are in the review (Settings)">
          {reviewer ? <>{reviewer.name} · <b>{reviewer.role}</b>{reviewer.fromSettings ? null : <span className="muted"> (not set)</span>}</> : '…'}
        </button>
        <button onClick={() => void exportReviewReport()} data-testid="review-export-report" title="The review as one self-contained HTML page">Report</button>
        <button onClick={() => toggleReview(false)} title="Back to the canvas (Ctrl+Shift+R)" data-testid="review-close">Close</button>
      </header>
      <div className="review__body">
        <ReviewMapList maps={report.maps} />
        {map ? <ReviewRows map={map} /> : <div className="empty-hint">This mapping has no value maps.</div>}
        {map ? <ReviewRowDetail map={map} /> : <div />}
      </div>
      <footer className="review__keys" aria-label="Keys">
        <span><kbd>↑</kbd><kbd>↓</kbd> rows</span><span><kbd>n</kbd> next not approved</span><span><kbd>a</kbd> approve</span>
        <span><kbd>d</kbd> needs discussion</span><span><kbd>r</kbd> reject</span><span><kbd>c</kbd> comment</span><span><kbd>p</kbd> propose</span>
        <span><kbd>e</kbd> edit row</span><span><kbd>Shift</kbd>+<kbd>A</kbd> approve all shown</span><span><kbd>/</kbd> search rows</span>
        <span><kbd>[</kbd><kbd>]</kbd> value maps</span><span><kbd>Ctrl</kbd>+<kbd>Enter</kbd> send</span><span><kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>R</kbd> canvas</span>
      </footer>
    </section>
  );
}
