import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  runsMs: number[];
  /** What the last run returned (a checksum that keeps the work from being optimized away). */
  result: unknown;
}

const collect = (globalThis as { gc?: () => void }).gc;

/** Run fn warmup times untimed, then repeats times timed (garbage collected before each), and take the median. */
export function measure(fn: () => unknown, { warmup = 3, repeats = 9 } = {}): Measurement {
  let result: unknown;
  for (let i = 0; i < warmup; i++) result = fn();
  const runsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    collect?.();
    const start = performance.now();
    result = fn();
    runsMs.push(performance.now() - start);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs, runsMs, result };
}

/** True when node runs with --expose-gc (npm run bench does). */
export const canCollectGarbage = collect !== undefined;
