import type { MappingSpec, ReviewPolicySettings } from '../../../shared/common/mapping/spec/MappingSpec';
import type { Reviewer, RowEdit } from '../../../shared/common/review/ReviewAction';
import { reviewReport, type ReviewReport } from '../../../shared/common/review/reviewReport';
import type { BundleMetadata } from '../../../shared/common/bundle/BundleFile';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { useDocumentStore } from './documentStore';
import { downloadText, mappingKeyOf } from './fileActions';
import { filterRows, moveInRows } from './reviewFilters';
import { useReviewStore, type ComposerMode } from './reviewStore';
import { createReviewSync, type ReviewSync } from './reviewSync';
import { getStudio } from './studio';
import { useViewStore } from './viewStore';

let sync: ReviewSync | undefined;
const review = () => useReviewStore.getState();
const text = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const fail = (error: unknown): void => useViewStore.getState().toast('error', text(error));
const key = (): string => { const doc = useDocumentStore.getState(); return mappingKeyOf(doc.path, doc.name); };

/**
 * Starts keeping the review true to every edit of a value map (the editor, undo...) for as long
 * as the studio runs, and reads who reviews from the workspace settings.
 */
export function startReview(): () => void {
  const started = createReviewSync(getStudio(), fail);
  sync = started;
  const unlisten = started.onRecorded((events) => {
    const { mapId, row } = review();
    if (events.some((event) => event.valueMap === mapId && event.source === row)) void loadHistory();
  });
  void getStudio().getReviewer().then((reviewer) => review().set({ reviewer })).catch(fail);
  return () => { unlisten(); started.dispose(); if (sync === started) sync = undefined; };
}

export async function saveReviewer(reviewer: Reviewer): Promise<boolean> {
  try {
    review().set({ reviewer: await getStudio().setReviewer(reviewer), settingsOpen: false });
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

export function toggleReview(open = !review().open): void {
  review().set({ open, editing: false });
}

/**
 * The review as a reviewer reads it: rows and progress from the document's spec (so a step shows
 * at once), coverage from the host's last report (the host has the v2 tables and FHIR bindings).
 */
export function reviewOf(spec: MappingSpec, metadata: BundleMetadata | undefined, summary: ReviewReport | undefined): ReviewReport {
  const coverage = (summary?.maps ?? []).flatMap((map) => (map.coverage ? [map.coverage] : []));
  return reviewReport(spec, { name: metadata?.name ?? '', version: metadata?.version ?? '' }, { generatedAt: summary?.generatedAt ?? '', coverage });
}

let summaries = 0;
/** Asks the host for coverage again (after edits, or when the review opens); an older answer is dropped. */
export async function refreshSummary(): Promise<void> {
  const bundle = useDocumentStore.getState().currentBundle();
  if (!bundle) return;
  const asked = ++summaries;
  review().set({ summaryState: 'loading' });
  try {
    const summary = await getStudio().getReviewSummary({ mappingKey: key(), bundle });
    if (asked === summaries) review().set({ summary, summaryState: 'idle' });
  } catch (error) {
    if (asked === summaries) review().set({ summaryState: { error: text(error) } });
  }
}

export async function loadHistory(): Promise<void> {
  const { mapId, row } = review();
  if (mapId === undefined || row === undefined) { review().set({ history: [] }); return; }
  try {
    const history = await getStudio().listReviewHistory({ mappingKey: key(), valueMapId: mapId, source: row });
    if (review().mapId === mapId && review().row === row) review().set({ history });
  } catch (error) {
    fail(error);
  }
}

/** The rows the review shows now (the filter and search applied), for keys and bulk steps. */
export function shownRows() {
  const { spec, metadata } = useDocumentStore.getState();
  const { mapId, summary, rowFilter, rowQuery } = review();
  const map = spec ? reviewOf(spec, metadata, summary).maps.find((m) => m.id === mapId) : undefined;
  return map ? filterRows(map.rows, rowFilter, rowQuery) : [];
}

export function selectValueMap(mapId: string | undefined): void {
  review().set({ mapId, row: undefined, editing: false, outcome: undefined, history: [] });
  const first = shownRows()[0]?.source;
  if (first !== undefined) focusRow(first);
}

export function focusRow(row: string | undefined): void {
  if (row === review().row) return;
  review().set({ row, editing: false, history: [] });
  void loadHistory();
}

/** Moves the focus: `step` rows, or to the next (previous) row not approved yet. */
export function moveFocus(step: 1 | -1, open = false): void {
  const next = moveInRows(shownRows(), review().row, step, open);
  if (next !== undefined) focusRow(next);
}

const labels: Record<Exclude<ComposerMode, 'bulk-approve'>, [done: string, needsText: boolean]> = {
  approve: ['Approved', false], reject: ['Rejected', true], 'needs-discussion': ['Marked as needing discussion', true],
  propose: ['Proposed', false], comment: ['Commented on', true],
};

/** Whether the action can go now, or first needs the comment box (a rejection, a question, a comment say why). */
export function needsComment(mode: ComposerMode): boolean {
  return mode !== 'bulk-approve' && labels[mode][1] && review().comment.trim() === '';
}

/**
 * One review step on the focused row (or, for a bulk approval, on every row shown that is not
 * approved), with the comment box's text. The policy is the core's: a refused row comes back with
 * the sentence saying why, and the view shows it. A decision on one row moves the focus to the
 * next at once, so a reviewer can go through a table key after key while the steps are recorded
 * in order.
 */
export async function act(mode: ComposerMode): Promise<void> {
  const { mapId, row, comment } = review();
  if (mapId === undefined || !sync) return;
  const sources = mode === 'bulk-approve' ? shownRows().filter((r) => r.status !== 'approved').map((r) => r.source) : row !== undefined ? [row] : [];
  if (sources.length === 0) { review().set({ outcome: { text: 'Every row shown is approved already.', refused: [] } }); return; }
  const kind = mode === 'bulk-approve' ? 'approve' : mode;
  const said = comment.trim();
  const action = kind === 'approve' || kind === 'propose'
    ? { kind, sources, ...(said !== '' ? { comment: said } : {}) }
    : { kind, sources, comment: said };
  review().set({ pending: review().pending + 1, comment: '', composer: 'comment' });
  if ((mode === 'approve' || mode === 'reject' || mode === 'needs-discussion') && row !== undefined) moveFocus(1);
  try {
    const result = await sync.step(mapId, action);
    const done = result.events.length;
    const verb = mode === 'bulk-approve' ? 'Approved' : labels[mode][0];
    review().set({
      outcome: {
        text: done > 0 ? `${verb} ${done === 1 ? `row "${result.events[0].source}"` : `${done} rows`}.` : 'Nothing changed.',
        refused: result.refused.map((r) => ({ source: r.source, code: r.error.code, message: r.error.message })),
      },
    });
  } catch (error) {
    // The words are not lost: back in the box unless something else was typed since.
    if (review().comment === '') review().set({ comment });
    fail(error);
  } finally {
    review().set({ pending: review().pending - 1 });
  }
}

/** Changes what the focused row maps to, as the author does it in the review (an edit with the comment box's text). */
export async function editFocusedRow(changes: RowEdit): Promise<void> {
  const { mapId, row, comment } = review();
  if (mapId === undefined || row === undefined || !sync) return;
  try {
    const said = comment.trim();
    const result = await sync.step(mapId, { kind: 'edit', source: row, changes, ...(said !== '' ? { comment: said } : {}) });
    const edited = result.events[0];
    review().set({
      editing: result.events.length === 0,
      comment: edited ? '' : comment,
      outcome: { text: edited ? `Changed row "${row}".` : 'Nothing changed.', refused: result.refused.map((r) => ({ source: r.source, code: r.error.code, message: r.error.message })) },
      ...(changes.source !== undefined && edited ? { row: changes.source } : {}),
    });
    void loadHistory();
  } catch (error) {
    fail(error);
  }
}

/** The bundle's review policy, as one undo step like any edit of the mapping. */
export function setPolicy(patch: ReviewPolicySettings): void {
  useDocumentStore.getState().edit('Set review policy', (spec) => ({ ...spec, settings: { ...spec.settings, review: { ...spec.settings.review, ...patch } } }));
}

export async function exportValueMap(format: 'conceptmap' | 'csv'): Promise<void> {
  const { mapId } = review();
  const bundle = useDocumentStore.getState().currentBundle();
  if (mapId === undefined || !bundle || !sync) return;
  try {
    await sync.idle();
    const file = await getStudio().exportValueMap({ bundle: useDocumentStore.getState().currentBundle() ?? bundle, valueMapId: mapId, format });
    downloadText(file.fileName, file.text, format === 'csv' ? 'text/csv' : 'application/fhir+json');
  } catch (error) {
    fail(error);
  }
}

/** Reads a ConceptMap (.json) or CSV back into the value map shown: its rows and review as the file has them. */
export async function importValueMapFile(file: File): Promise<void> {
  const { mapId } = review();
  const bundle = useDocumentStore.getState().currentBundle();
  if (mapId === undefined || !bundle || !sync) return;
  const format = /\.csv$/i.test(file.name) ? 'csv' : 'conceptmap';
  try {
    const { valueMap } = await getStudio().importValueMap({ bundle, valueMapId: mapId, format, text: await file.text() });
    await sync.replace(mapId, valueMap as unknown as ValueMap);
    review().set({ outcome: { text: `Imported ${file.name} into value map "${mapId}": its rows and review as the file has them.`, refused: [] } });
    void loadHistory();
  } catch (error) {
    fail(error);
  }
}

export async function exportReviewReport(): Promise<void> {
  const bundle = useDocumentStore.getState().currentBundle();
  if (!bundle || !sync) return;
  try {
    await sync.idle();
    const report = await getStudio().exportReviewReport({ mappingKey: key(), bundle: useDocumentStore.getState().currentBundle() ?? bundle });
    downloadText(report.fileName, report.html, 'text/html');
  } catch (error) {
    fail(error);
  }
}
