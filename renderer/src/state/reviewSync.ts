import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import type { ReviewAction, ReviewHistoryEntry } from '../../../shared/common/review/ReviewAction';
import type { ReviewStepResult, ReviewStudioApi } from '../../../shared/common/studio/reviewMethods';
import { parseValueMap } from '../../../shared/common/valuemaps/parseValueMap';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { useDocumentStore } from './documentStore';
import { mappingKeyOf } from './fileActions';

export interface ReviewSync {
  /** A review step on rows of a value map, taken after every edit made before it is recorded. */
  step(valueMapId: string, action: ReviewAction): Promise<ReviewStepResult>;
  /** Puts a value map read from a ConceptMap or CSV in place, rows and review as the file has them. */
  replace(valueMapId: string, map: ValueMap): Promise<void>;
  /** Resolves once every change made so far is recorded. */
  idle(): Promise<void>;
  /** Told of every step and recorded edit, with the history entries written. */
  onRecorded(listener: (events: ReviewHistoryEntry[]) => void): () => void;
  dispose(): void;
}

type SyncApi = Pick<ReviewStudioApi, 'reviewValueMap' | 'reconcileValueMapEdit'>;

/**
 * Keeps the review of value-map rows true to every change made to them. The document store holds
 * what rows map to and changes at once (the editor, undo, paste); the review trails behind through
 * the host, one call at a time in order: any value map that differs from the last one the host
 * settled (its baseline) is sent to `reconcileValueMapEdit`, which records changed rows as edits
 * by the reviewer (approvals cleared, old → new kept) and keeps the review of rows whose content
 * did not change. Review steps go through `reviewValueMap` in the same queue. A settled map
 * replaces the one it was made from everywhere it is, undo history included, so undo and redo
 * change what rows map to and never roll back the review: the trail only moves forward.
 */
export function createReviewSync(api: SyncApi, onError: (error: unknown) => void): ReviewSync {
  const store = useDocumentStore;
  let baselines = new Map<string, ValueMap>();
  // Bumped with every document opened: an answer about the previous one is dropped.
  let generation = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Set<string>();
  const listeners = new Set<(events: ReviewHistoryEntry[]) => void>();

  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };
  const mapOf = (id: string): ValueMap | undefined => store.getState().spec?.valueMaps.find((m) => m.id === id);
  const reset = (): void => {
    generation++;
    baselines = new Map((store.getState().spec?.valueMaps ?? []).map((m) => [m.id, m]));
    queued.clear();
  };
  const request = () => {
    const doc = store.getState();
    const bundle = doc.currentBundle();
    if (!bundle) throw new CrosswalkError('REVIEW_NO_DOCUMENT', 'No mapping is open to review.', {});
    return { mappingKey: mappingKeyOf(doc.path, doc.name), bundle };
  };
  /** Takes the host's answer about `sent`: the map it settled becomes the baseline and replaces `sent`. */
  const settle = (id: string, sent: ValueMap, result: ReviewStepResult): void => {
    if (result.events.length === 0) { baselines.set(id, sent); return; }
    const mapping = result.bundle.mapping as { valueMaps?: unknown[] } | undefined;
    const map = parseValueMap(mapping?.valueMaps?.find((m) => (m as { id?: unknown }).id === id), { path: id });
    store.getState().settleValueMap(map, sent);
    baselines.set(id, map);
    for (const listener of listeners) listener(result.events);
  };
  /** Records the changes made to one value map since its baseline (nothing when there are none). */
  const catchUp = async (id: string): Promise<void> => {
    const sent = mapOf(id);
    const before = baselines.get(id);
    if (sent === undefined || sent === before) return;
    const at = generation;
    const result = await api.reconcileValueMapEdit({ ...request(), valueMapId: id, ...(before !== undefined ? { before: before as unknown as Record<string, unknown> } : {}) });
    if (at === generation) settle(id, sent, result);
  };

  reset();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.opened !== previous.opened) { reset(); return; }
    if (state.spec?.valueMaps === previous.spec?.valueMaps) return;
    for (const map of state.spec?.valueMaps ?? []) {
      if (map === baselines.get(map.id) || queued.has(map.id)) continue;
      queued.add(map.id);
      enqueue(async () => { queued.delete(map.id); await catchUp(map.id); }).catch(onError);
    }
  });

  return {
    step: (valueMapId, action) => enqueue(async () => {
      await catchUp(valueMapId);
      const sent = mapOf(valueMapId);
      if (sent === undefined) throw new CrosswalkError('REVIEW_UNKNOWN_VALUE_MAP', `The mapping has no value map "${valueMapId}".`, { path: 'mapping.valueMaps' });
      const at = generation;
      const result = await api.reviewValueMap({ ...request(), valueMapId, action });
      if (at === generation) settle(valueMapId, sent, result);
      return result;
    }),
    replace: (valueMapId, map) => enqueue(async () => {
      await catchUp(valueMapId);
      const sent = mapOf(valueMapId);
      if (sent === undefined) throw new CrosswalkError('REVIEW_UNKNOWN_VALUE_MAP', `The mapping has no value map "${valueMapId}".`, { path: 'mapping.valueMaps' });
      const settled = parseValueMap({ ...map, id: valueMapId }, { path: valueMapId });
      store.getState().settleValueMap(settled, sent);
      baselines.set(valueMapId, settled);
    }),
    idle: () => enqueue(async () => undefined),
    onRecorded: (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; },
    dispose: () => { unsubscribe(); listeners.clear(); },
  };
}
