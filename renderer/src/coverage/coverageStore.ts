import { create } from 'zustand';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { inputFormatOf } from '../../../shared/common/mapping/input/inputFormat';
import type { MappingCoverageResult, SampleMessage } from '../../../shared/common/studio/StudioApi';
import { getStudio } from '../state/studio';

interface CoverageState {
  /** The newest coverage of the mapping over the studio's samples (undefined until one is computed, or when the mapping does not compile). */
  result: MappingCoverageResult | undefined;
  /** The sample texts it was computed over, by index: the editor underlines a sample only while it is still that text. */
  texts: readonly string[];
  /** The samples are not HL7 v2 (JSON, CSV): only the targets are covered. */
  targetsOnly: boolean;
  running: boolean;
  /** Why there is no coverage (the host's sentence: the mapping does not compile…). */
  error: string | undefined;
  /** Asks for the coverage of the mapping (without its layout) over the samples; debounced, the newest answer wins. */
  request(spec: MappingSpec, samples: readonly SampleMessage[]): void;
  /** Forgets the coverage of the document closed (another one opened). */
  reset(): void;
}

/** Longer than a pause between keystrokes: coverage maps every sample, on the host, off the typing path. */
const DEBOUNCE_MS = 600;

let timer: ReturnType<typeof setTimeout> | undefined;
let requests = 0;

/** Sample coverage reads HL7 v2 messages (shared/common/coverage); a JSON or CSV mapping is covered on its targets. */
function readsHl7(spec: MappingSpec): boolean {
  try {
    return inputFormatOf(spec).standard === 'hl7v2';
  } catch {
    return true;
  }
}

/** The studio's samples as coverage reads them: named, and none for a JSON or CSV mapping. */
export function coverageSamples(spec: MappingSpec, samples: readonly SampleMessage[]): SampleMessage[] {
  return readsHl7(spec) ? samples.map((s, i) => ({ name: s.name || `Sample ${i + 1}`, text: s.text })) : [];
}

/**
 * Coverage at a glance (issue 9 item 2): the Studio API's computeCoverage over the studio's
 * samples, asked again whenever the mapping or a sample changes. Runs on the host, never in the
 * preview's worker, so the preview is never behind it.
 */
export const useCoverageStore = create<CoverageState>((set) => ({
  result: undefined,
  texts: [],
  targetsOnly: false,
  running: false,
  error: undefined,
  request(spec, samples) {
    const id = ++requests;
    if (timer !== undefined) clearTimeout(timer);
    set({ running: true });
    timer = setTimeout(() => {
      timer = undefined;
      const { layout: _layout, ...mapping } = spec;
      const hl7 = readsHl7(spec);
      const sent = coverageSamples(spec, samples);
      getStudio().computeCoverage({ document: { mapping }, samples: sent }).then(
        (result) => { if (id === requests) set({ result, texts: sent.map((s) => s.text), targetsOnly: !hl7, running: false, error: undefined }); },
        (error: unknown) => { if (id === requests) set({ result: undefined, texts: [], running: false, error: error instanceof Error ? error.message : String(error) }); },
      );
    }, DEBOUNCE_MS);
  },
  reset() {
    ++requests;
    set({ result: undefined, texts: [], error: undefined });
  },
}));
