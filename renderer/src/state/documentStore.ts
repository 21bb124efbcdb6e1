import { create } from 'zustand';
import type { BundleMetadata } from '../../../shared/common/bundle/BundleFile';
import { entryMap, findMap, type MapDefinition, type MapLayout, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { setMapLayout, updateMap } from '../../../shared/common/mapping/edit/mapEdits';
import type { BundleDocument, SampleMessage } from '../../../shared/common/studio/StudioApi';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { readBundle, writeBundle, type TestCase } from './bundleAccess';
import { trailTo } from './mapTrail';

/**
 * One point of the undo history: the whole spec (immutable, structurally shared, so cheap) and
 * the map the edit after it was made in, so undoing an edit made in another map shows that map.
 */
interface Snapshot {
  spec: MappingSpec;
  testCases: TestCase[];
  label: string;
  version: number;
  mapId: string;
}

const HISTORY_LIMIT = 200;

interface DocumentState {
  /** Counts documents opened, so views can tell a newly opened one from an edit. */
  opened: number;
  /** The bundle's metadata as opened (the studio does not edit it). */
  metadata: BundleMetadata | undefined;
  /** THE mapping: the canvas, the preview and the save all read it from here. */
  spec: MappingSpec | undefined;
  /** The map the canvas shows. */
  mapId: string;
  /** The breadcrumbs: the maps opened on the way to the current one, the entry map first. */
  trail: string[];
  testCases: TestCase[];
  name: string;
  path: string | undefined;
  samples: SampleMessage[];
  activeSample: number;
  version: number;
  savedVersion: number;
  past: Snapshot[];
  future: Snapshot[];
  loadError: string | undefined;

  open(bundle: BundleDocument, name: string, path: string | undefined, samples: SampleMessage[]): void;
  /**
   * Applies one edit to the spec as one undo step, made in `mapId` (the current map unless told).
   * Returning the same spec records nothing.
   */
  edit(label: string, change: (spec: MappingSpec) => MappingSpec, mapId?: string): void;
  /** An edit of the current map only. */
  editMap(label: string, change: (map: MapDefinition) => MapDefinition): void;
  editTests(label: string, change: (tests: TestCase[]) => TestCase[]): void;
  /**
   * Puts a value map the review settled (a review step, an edit recorded with its review, an
   * import) in place of `replaces`, wherever that very object is: in the spec and in the undo
   * history, so undo and redo never bring back a review the trail has moved past. Not an undo
   * step; the document becomes unsaved when the spec changed.
   */
  settleValueMap(map: ValueMap, replaces: ValueMap): void;
  /** Lays out a map that has no layout yet: not an edit (the mapping does the same), so no undo step and nothing unsaved. */
  placeLayout(mapId: string, layout: MapLayout): void;
  /** Opens a map from the current one (a call node's map): it joins the breadcrumbs. */
  openMap(mapId: string): void;
  /** Shows a map from anywhere (the maps panel, undo, a trace): the breadcrumbs follow its call chain. */
  showMap(mapId: string): void;
  /** Back to the map before the current one on the breadcrumbs; false when there is none. */
  back(): boolean;
  undo(): void;
  redo(): void;
  markSaved(path: string | undefined, name: string): void;
  setSamples(samples: SampleMessage[], active?: number): void;
  setSampleText(index: number, text: string): void;
  setActiveSample(index: number): void;
  /** The bundle content as it would be saved now. */
  currentBundle(): BundleDocument | undefined;
  setLoadError(message: string | undefined): void;
}

let versions = 0;

/** The map to show after the spec changed under the canvas: the wanted one when it still exists, else the entry map. */
function shown(spec: MappingSpec, trail: readonly string[], wanted: string): { mapId: string; trail: string[] } {
  const mapId = findMap(spec, wanted) ? wanted : entryMap(spec).id;
  return { mapId, trail: trailTo(spec, trail, mapId) };
}

export const useDocumentStore = create<DocumentState>((set, get) => ({
  opened: 0,
  metadata: undefined,
  spec: undefined,
  mapId: '',
  trail: [],
  testCases: [],
  name: 'Untitled',
  path: undefined,
  samples: [],
  activeSample: 0,
  version: 0,
  savedVersion: 0,
  past: [],
  future: [],
  loadError: undefined,

  open(bundle, name, path, samples) {
    const { metadata, spec, testCases } = readBundle(bundle);
    const version = ++versions;
    const allSamples = samples.length > 0 ? samples : testCases.map((t) => ({ name: t.name, text: t.input }));
    const first = entryMap(spec).id;
    set({ opened: get().opened + 1, metadata, spec, mapId: first, trail: [first], testCases, name, path, samples: allSamples, activeSample: 0, version, savedVersion: version, past: [], future: [], loadError: undefined });
  },

  edit(label, change, mapId) {
    const { spec, testCases, version, past, trail } = get();
    if (!spec) return;
    const next = change(spec);
    if (next === spec) return;
    const where = mapId ?? get().mapId;
    set({ spec: next, version: ++versions, past: [...past.slice(-HISTORY_LIMIT + 1), { spec, testCases, label, version, mapId: where }], future: [], ...shown(next, trail, get().mapId) });
  },

  editMap(label, change) {
    const mapId = get().mapId;
    get().edit(label, (spec) => updateMap(spec, mapId, change));
  },

  editTests(label, change) {
    const { spec, testCases, version, past, mapId } = get();
    if (!spec) return;
    const next = change(testCases);
    if (next === testCases) return;
    set({ testCases: next, version: ++versions, past: [...past.slice(-HISTORY_LIMIT + 1), { spec, testCases, label, version, mapId }], future: [] });
  },

  settleValueMap(map, replaces) {
    const swap = (spec: MappingSpec): MappingSpec => (spec.valueMaps.includes(replaces) ? { ...spec, valueMaps: spec.valueMaps.map((m) => (m === replaces ? map : m)) } : spec);
    // A rebased snapshot gets a version of its own: it is no longer the content that was saved.
    const rebase = (snapshot: Snapshot): Snapshot => {
      const next = swap(snapshot.spec);
      return next === snapshot.spec ? snapshot : { ...snapshot, spec: next, version: ++versions };
    };
    const { spec, past, future } = get();
    if (!spec) return;
    const current = swap(spec);
    set({ past: past.map(rebase), future: future.map(rebase), ...(current !== spec ? { spec: current, version: ++versions } : {}) });
  },

  placeLayout(mapId, layout) {
    const { spec } = get();
    if (!spec || spec.layout?.maps[mapId] !== undefined || !findMap(spec, mapId)) return;
    set({ spec: setMapLayout(spec, mapId, layout) });
  },

  openMap(mapId) {
    const { spec, trail } = get();
    if (!spec || !findMap(spec, mapId)) return;
    const at = trail.indexOf(mapId);
    set({ mapId, trail: at === -1 ? [...trail, mapId] : trail.slice(0, at + 1) });
  },

  showMap(mapId) {
    const { spec, trail } = get();
    if (!spec || !findMap(spec, mapId)) return;
    set(shown(spec, trail, mapId));
  },

  back() {
    const { trail } = get();
    if (trail.length < 2) return false;
    const next = trail.slice(0, -1);
    set({ trail: next, mapId: next[next.length - 1] });
    return true;
  },

  undo() {
    const { past, future, spec, testCases, version, trail } = get();
    const previous = past[past.length - 1];
    if (!previous || !spec) return;
    set({
      spec: previous.spec, testCases: previous.testCases, version: previous.version,
      past: past.slice(0, -1), future: [{ spec, testCases, label: previous.label, version, mapId: previous.mapId }, ...future],
      ...shown(previous.spec, trail, previous.mapId),
    });
  },

  redo() {
    const { past, future, spec, testCases, version, trail } = get();
    const next = future[0];
    if (!next || !spec) return;
    set({
      spec: next.spec, testCases: next.testCases, version: next.version,
      past: [...past, { spec, testCases, label: next.label, version, mapId: next.mapId }], future: future.slice(1),
      ...shown(next.spec, trail, next.mapId),
    });
  },

  markSaved(path, name) {
    set({ savedVersion: get().version, path, name });
  },

  setSamples(samples, active) {
    set({ samples, activeSample: Math.min(active ?? get().activeSample, Math.max(0, samples.length - 1)) });
  },

  setSampleText(index, text) {
    set((s) => ({ samples: s.samples.map((sample, i) => (i === index ? { ...sample, text } : sample)) }));
  },

  setActiveSample(activeSample) {
    set({ activeSample });
  },

  currentBundle() {
    const { metadata, spec, testCases } = get();
    if (!metadata || !spec) return undefined;
    return writeBundle(metadata, spec, testCases);
  },

  setLoadError(loadError) {
    set({ loadError });
  },
}));

/** The map the canvas shows. */
export const selectMap = (s: DocumentState): MapDefinition | undefined => (s.spec ? findMap(s.spec, s.mapId) : undefined);
export const selectDirty = (s: DocumentState): boolean => s.version !== s.savedVersion;
export const selectCanUndo = (s: DocumentState): boolean => s.past.length > 0;
export const selectCanRedo = (s: DocumentState): boolean => s.future.length > 0;
