import { useEffect } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { focusRow, moveFocus, reviewOf, selectValueMap, shownRows } from '../state/reviewActions';
import { filterMaps } from '../state/reviewFilters';
import { useReviewStore } from '../state/reviewStore';
import { inTextField } from '../useShortcuts';
import { startStep } from './ReviewRowDetail';

/** The value map `step` places from the one shown, among those the list shows. */
function moveMap(step: 1 | -1): void {
  const { spec, metadata } = useDocumentStore.getState();
  const { summary, mapFilter, mapQuery, mapId } = useReviewStore.getState();
  if (!spec) return;
  const maps = filterMaps(reviewOf(spec, metadata, summary).maps, mapFilter, mapQuery);
  const at = maps.findIndex((m) => m.id === mapId);
  const next = maps[Math.min(maps.length - 1, Math.max(0, at + step))];
  if (next && next.id !== mapId) selectValueMap(next.id);
}

/**
 * The review mode's keys, for a reviewer who never takes the mouse: ↑/↓ (j/k) move through the
 * rows, n / Shift+N to the next / previous row not approved, a approve, d needs discussion, r reject,
 * c comment, p propose, e edit the row, Shift+A approve every row shown, / search rows, [ ] the
 * previous / next value map, Esc closes the row editor. In a text field the keys type; Ctrl+Enter
 * there sends the comment box's step. Captured before the canvas (hidden underneath) sees them.
 */
export function useReviewKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const review = useReviewStore.getState();
      if (review.settingsOpen || event.ctrlKey || event.metaKey || event.altKey || inTextField(event.target)) return;
      const rows = () => shownRows();
      switch (event.key) {
        case 'ArrowDown': case 'j': moveFocus(1); break;
        case 'ArrowUp': case 'k': moveFocus(-1); break;
        case 'Home': focusRow(rows()[0]?.source); break;
        case 'End': focusRow(rows().at(-1)?.source); break;
        case 'n': moveFocus(1, true); break;
        case 'N': moveFocus(-1, true); break;
        case 'a': startStep('approve'); break;
        case 'A': startStep('bulk-approve'); break;
        case 'd': startStep('needs-discussion'); break;
        case 'r': startStep('reject'); break;
        case 'c': startStep('comment'); break;
        case 'p': startStep('propose'); break;
        case 'e': if (review.row !== undefined) review.set({ editing: !review.editing }); break;
        case '/': document.querySelector<HTMLInputElement>('[aria-label="Search rows"]')?.focus(); break;
        case '[': moveMap(-1); break;
        case ']': moveMap(1); break;
        case 'Escape': review.set(review.editing ? { editing: false } : { outcome: undefined, composer: 'comment' }); break;
        // Nothing on the hidden canvas is deleted from here.
        case 'Delete': case 'Backspace': break;
        default: return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
