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
  return { medianMs: median(runsMs), runsMs, result };
}

/** The median of the values (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** True when node runs with --expose-gc (npm run bench does). */
export const canCollectGarbage = collect !== undefined;

/**
 * Measure several workloads round-robin (A B C, A B C, ...) so that a change in machine load
 * during the run falls on all of them alike; ratios between them stay meaningful on a busy machine.
 */
export function measureInterleaved(fns: (() => unknown)[], { warmup = 3, repeats = 9 } = {}): Measurement[] {
  const results: unknown[] = new Array(fns.length);
  for (let i = 0; i < warmup; i++) fns.forEach((fn, k) => (results[k] = fn()));
  const runs: number[][] = fns.map(() => []);
  for (let i = 0; i < repeats; i++) {
    fns.forEach((fn, k) => {
      collect?.();
      const start = performance.now();
      results[k] = fn();
      runs[k].push(performance.now() - start);
    });
  }
  return runs.map((runsMs, k) => ({ medianMs: median(runsMs), runsMs, result: results[k] }));
}
