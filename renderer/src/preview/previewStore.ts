import { create } from 'zustand';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { PreviewRequest, PreviewResult } from './previewTypes';
import PreviewWorker from '../worker/preview.worker?worker';
import { writeJson } from '../../../shared/common/json/writeJson';
import { readPreviewResult, type MainToWorker, type WorkerToMain } from './workerProtocol';
import { getStudio } from '../state/studio';

interface PreviewState {
  result: PreviewResult | undefined;
  running: boolean;
  /** Run id of the newest request; results of older runs are dropped. */
  latest: number;
  /** When the newest request was made (performance.now()), for the status bar's timing. */
  requestedAt: number;
  /** Keystroke/edit → result shown, of the last completed run. */
  lastLatency: number | undefined;
  /** Asks for a run of the mapping (without its layout, which changes nothing it does) on the sample. */
  request(spec: MappingSpec, sample: string): void;
}

const DEBOUNCE_MS = 40;
/** A run still going after this long is killed (a pathological message must not freeze the preview). */
const STALE_KILL_MS = 2000;

let worker: Worker | undefined;
let inFlight: { runId: number; startedAt: number } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let runIds = 0;

function spawn(): Worker {
  const w = new PreviewWorker();
  w.onmessage = (event: MessageEvent<WorkerToMain>) => {
    const message = event.data;
    if (message.type === 'expandValueSet') {
      getStudio().expandValueSet({ url: message.url }).then(
        (value) => w.postMessage({ type: 'hostReply', id: message.id, ok: true, value } satisfies MainToWorker),
        (error: unknown) => w.postMessage({ type: 'hostReply', id: message.id, ok: false, value: error instanceof Error ? error.message : String(error) } satisfies MainToWorker),
      );
      return;
    }
    const result = readPreviewResult(message.resultJson);
    if (inFlight?.runId === result.runId) inFlight = undefined;
    const state = usePreviewStore.getState();
    if (result.runId !== state.latest) return; // a newer edit is on its way
    usePreviewStore.setState({ result, running: false, lastLatency: performance.now() - state.requestedAt });
  };
  return w;
}

function dispatch(request: PreviewRequest): void {
  // True cancellation: a worker stuck on an old run is replaced rather than waited for.
  if (inFlight && performance.now() - inFlight.startedAt > STALE_KILL_MS) {
    worker?.terminate();
    worker = undefined;
    inFlight = undefined;
  }
  worker ??= spawn();
  inFlight = { runId: request.runId, startedAt: performance.now() };
  worker.postMessage({ type: 'run', requestJson: writeJson(request) } satisfies MainToWorker);
}

/**
 * The live preview: every edit of the mapping or the sample asks for a run; runs are debounced,
 * executed in a Web Worker by the same engine the runtime uses, and only the newest is shown.
 */
export const usePreviewStore = create<PreviewState>((set) => ({
  result: undefined,
  running: false,
  latest: 0,
  requestedAt: 0,
  lastLatency: undefined,
  request(spec, sample) {
    const runId = ++runIds;
    if (timer !== undefined) clearTimeout(timer);
    // A new mapping's sample starts empty: nothing to run yet, which is no error of the message.
    if (sample.trim() === '') {
      timer = undefined;
      set({ latest: runId, running: false, result: undefined });
      return;
    }
    set({ latest: runId, running: true, requestedAt: performance.now() });
    timer = setTimeout(() => {
      timer = undefined;
      const { layout: _layout, ...mapping } = spec;
      dispatch({ runId, spec: mapping, sample });
    }, DEBOUNCE_MS);
  },
}));
