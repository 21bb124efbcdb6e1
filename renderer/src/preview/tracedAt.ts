import type { PreviewResult, TraceItem } from './previewTypes';

const within = (path: string, under: string): boolean => path === under || path.startsWith(`${under}.`) || path.startsWith(`${under}[`);

/**
 * The traced values behind one place in the output: every value written at or below it (a line
 * that opens an object stands for what is inside), else the value whose object holds it.
 */
export function tracedAt(result: Pick<PreviewResult, 'trace'>, outputPath: string): TraceItem[] {
  const inside = result.trace.filter((item) => within(item.outputPath, outputPath));
  if (inside.length > 0) return inside;
  let best: TraceItem | undefined;
  for (const item of result.trace) {
    if (within(outputPath, item.outputPath) && (!best || item.outputPath.length > best.outputPath.length)) best = item;
  }
  return best ? [best] : [];
}
