import { create } from 'zustand';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { BundleDocument, SampleMessage } from '../../../shared/common/studio/StudioApi';
import { readBundle, writeBundle, type TestCase } from './bundleAccess';
import { autoLayout, type AutoLayoutOptions } from '../canvas/autoLayout';
import { SCHEMA_HEIGHT, SCHEMA_WIDTH, TARGET_HEIGHT } from '../canvas/specToFlow';

const DEFAULT_LAYOUT: AutoLayoutOptions = {
  schemaWidth: SCHEMA_WIDTH, sourceHeight: SCHEMA_HEIGHT + 180, targetHeight: TARGET_HEIGHT, rowIndex: () => undefined,
};

/** One point of the undo history: the whole spec (immutable, structurally shared, so cheap). */
interface Snapshot {
  spec: MappingSpec;
  testCases: TestCase[];
  label: string;
  version: number;
}

const HISTORY_LIMIT = 200;

interface DocumentState {
  /** The bundle as opened, for the keys the studio does not edit (metadata, engine version). */
  bundle: BundleDocument | undefined;
  /** THE mapping: the canvas, the preview and the save all read it from here. */
  spec: MappingSpec | undefined;
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
  /** Applies one edit to the spec as one undo step. Returning the same spec records nothing. */
  edit(label: string, change: (spec: MappingSpec) => MappingSpec): void;
  editTests(label: string, change: (tests: TestCase[]) => TestCase[]): void;
  undo(): void;
  redo(): void;
  markSaved(path: string | undefined, name: string): void;
  setSamples(samples: SampleMessage[], active?: number): void;
  setSampleText(index: number, text: string): void;
  setActiveSample(index: number): void;
  /** The bundle as it would be saved now. */
  currentBundle(): BundleDocument | undefined;
  setLoadError(message: string | undefined): void;
}

let versions = 0;

export const useDocumentStore = create<DocumentState>((set, get) => ({
  bundle: undefined,
  spec: undefined,
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
    const read = readBundle(bundle);
    const { testCases } = read;
    // A mapping written by hand or by a script has no layout yet: lay it out once, as part of opening.
    const placed = new Set((read.spec.layout?.nodes ?? []).map((n) => n.id));
    const unplaced = [...read.spec.sources, ...read.spec.targets, ...read.spec.nodes].some((n) => !placed.has(n.id));
    const spec = unplaced ? autoLayout(read.spec, DEFAULT_LAYOUT) : read.spec;
    const version = ++versions;
    const allSamples = samples.length > 0 ? samples : testCases.map((t) => ({ name: t.name, text: t.input }));
    set({ bundle, spec, testCases, name, path, samples: allSamples, activeSample: 0, version, savedVersion: version, past: [], future: [], loadError: undefined });
  },

  edit(label, change) {
    const { spec, testCases, version, past } = get();
    if (!spec) return;
    const next = change(spec);
    if (next === spec) return;
    const nextVersion = ++versions;
    set({ spec: next, version: nextVersion, past: [...past.slice(-HISTORY_LIMIT + 1), { spec, testCases, label, version }], future: [] });
  },

  editTests(label, change) {
    const { spec, testCases, version, past } = get();
    if (!spec) return;
    const next = change(testCases);
    if (next === testCases) return;
    set({ testCases: next, version: ++versions, past: [...past.slice(-HISTORY_LIMIT + 1), { spec, testCases, label, version }], future: [] });
  },

  undo() {
    const { past, future, spec, testCases, version } = get();
    const previous = past[past.length - 1];
    if (!previous || !spec) return;
    set({
      spec: previous.spec, testCases: previous.testCases, version: previous.version,
      past: past.slice(0, -1), future: [{ spec, testCases, label: previous.label, version }, ...future],
    });
  },

  redo() {
    const { past, future, spec, testCases, version } = get();
    const next = future[0];
    if (!next || !spec) return;
    set({
      spec: next.spec, testCases: next.testCases, version: next.version,
      past: [...past, { spec, testCases, label: next.label, version }], future: future.slice(1),
    });
  },

  markSaved(path, name) {
    set({ savedVersion: get().version, path, name, bundle: get().currentBundle() });
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
    const { bundle, spec, testCases } = get();
    if (!bundle || !spec) return undefined;
    return writeBundle(bundle, spec, testCases);
  },

  setLoadError(loadError) {
    set({ loadError });
  },
}));

export const selectDirty = (s: DocumentState): boolean => s.version !== s.savedVersion;
export const selectCanUndo = (s: DocumentState): boolean => s.past.length > 0;
export const selectCanRedo = (s: DocumentState): boolean => s.future.length > 0;
