import { create } from 'zustand';
import type { ReviewHistoryEntry } from '../../../shared/common/review/ReviewAction';
import type { ReviewReport } from '../../../shared/common/review/reviewReport';
import type { ReviewerInfo } from '../../../shared/common/studio/reviewMethods';
import type { MapFilter, RowFilter } from './reviewFilters';

/**
 * What the next review action does with the comment box: a rejection, a question and a comment
 * need its text; an approval takes it when there is some; a bulk approval approves the rows shown.
 */
export type ComposerMode = 'comment' | 'approve' | 'reject' | 'needs-discussion' | 'propose' | 'bulk-approve';

/** The outcome of the last review step, as the view reports it: what was done, and each refused row with why. */
export interface ReviewOutcome {
  text: string;
  refused: { source: string; code: string; message: string }[];
}

interface ReviewState {
  /** The review mode is shown instead of the canvas. */
  open: boolean;
  reviewer: ReviewerInfo | undefined;
  settingsOpen: boolean;
  /** The host's review report for the document (coverage needs the host's schemas); rows and progress come from the spec. */
  summary: ReviewReport | undefined;
  summaryState: 'idle' | 'loading' | { error: string };
  mapId: string | undefined;
  /** The focused row, by its source code. */
  row: string | undefined;
  mapQuery: string;
  mapFilter: MapFilter;
  rowQuery: string;
  rowFilter: RowFilter;
  composer: ComposerMode;
  comment: string;
  /** The row editor is open on the focused row. */
  editing: boolean;
  outcome: ReviewOutcome | undefined;
  /** Review steps on their way to the host. */
  pending: number;
  /** The focused row's history, oldest first. */
  history: ReviewHistoryEntry[];
  set(patch: Partial<Omit<ReviewState, 'set'>>): void;
}

export const useReviewStore = create<ReviewState>((set) => ({
  open: false,
  reviewer: undefined,
  settingsOpen: false,
  summary: undefined,
  summaryState: 'idle',
  mapId: undefined,
  row: undefined,
  mapQuery: '',
  mapFilter: 'all',
  rowQuery: '',
  rowFilter: 'all',
  composer: 'comment',
  comment: '',
  editing: false,
  outcome: undefined,
  pending: 0,
  history: [],
  set(patch) {
    set(patch);
  },
}));
