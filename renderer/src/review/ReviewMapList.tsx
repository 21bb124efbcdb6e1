import { useEffect, useRef } from 'react';
import type { ReviewReportMap } from '../../../shared/common/review/reviewReport';
import { describeCoverage } from '../../../shared/common/review/reviewCoverage';
import { describeProgress } from '../../../shared/common/review/reviewProgress';
import { reviewStatusValues } from '../../../shared/common/valuemaps/rowReview';
import { selectValueMap } from '../state/reviewActions';
import { filterMaps, mapFilterLabels, type MapFilter } from '../state/reviewFilters';
import { useReviewStore } from '../state/reviewStore';

/** Every value map with its progress bar, counts and coverage; filterable by words and by state. */
export function ReviewMapList({ maps }: { maps: ReviewReportMap[] }) {
  const mapId = useReviewStore((s) => s.mapId);
  const query = useReviewStore((s) => s.mapQuery);
  const filter = useReviewStore((s) => s.mapFilter);
  const set = useReviewStore((s) => s.set);
  const shown = filterMaps(maps, filter, query);
  const current = useRef<HTMLButtonElement>(null);
  useEffect(() => { current.current?.scrollIntoView({ block: 'nearest' }); }, [mapId]);

  return (
    <aside className="review__maps" data-testid="review-maps">
      <div className="review__filters">
        <input type="search" placeholder="Find a value map…" aria-label="Find a value map" value={query} data-testid="review-map-search"
          onChange={(e) => set({ mapQuery: e.target.value })}
          onKeyDown={(e) => {
            // Enter opens the first map found and hands the keys to its rows.
            if (e.key === 'Enter' && shown[0]) { selectValueMap(shown[0].id); e.currentTarget.blur(); }
            if (e.key === 'Escape') e.currentTarget.blur();
          }} />
        <select value={filter} aria-label="Which value maps" data-testid="review-map-filter" onChange={(e) => set({ mapFilter: e.target.value as MapFilter })}>
          {(Object.keys(mapFilterLabels) as MapFilter[]).map((f) => <option key={f} value={f}>{mapFilterLabels[f]}</option>)}
        </select>
      </div>
      <ul className="review__map-list">
        {shown.map((map) => {
          const { progress } = map;
          const line = map.coverage ? describeCoverage(map.coverage) : undefined;
          return (
            <li key={map.id}>
              <button ref={map.id === mapId ? current : undefined} className={map.id === mapId ? 'review__map review__map--current' : 'review__map'}
                aria-current={map.id === mapId ? 'true' : undefined} data-testid={`review-map-${map.id}`} data-signed-off={progress.signOff ? 'true' : 'false'}
                onClick={() => selectValueMap(map.id)}>
                <span className="review__map-name">{map.name}</span>
                <span className="review__map-id"><code>{map.id}</code>{map.usedIn.length === 0 ? <span className="muted"> · not in use</span> : null}</span>
                <span className="review__bar" aria-hidden="true">
                  {reviewStatusValues.map((status) => (progress.counts[status] > 0 ? (
                    <span key={status} className={`review__bar-part review__bar-part--${status}`} style={{ flexGrow: progress.counts[status] }} />
                  ) : null))}
                </span>
                <span className="review__map-progress" data-testid="review-map-progress">{describeProgress(progress)}</span>
                {progress.signOff ? <span className="review__signed" data-testid="review-map-signoff">signed off by {progress.signOff.approvers.join(', ')} · {progress.signOff.approvedAt.slice(0, 10)}</span> : null}
                {line ? <span className="review__map-coverage muted">{line}</span> : null}
              </button>
            </li>
          );
        })}
        {shown.length === 0 ? <li className="muted empty-hint">No value map matches.</li> : null}
      </ul>
    </aside>
  );
}
