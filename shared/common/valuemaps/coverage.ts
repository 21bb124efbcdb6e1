import type { ValueMap } from './ValueMap';

export interface CodeWithDisplay { code: string; display?: string }

export interface ValueMapCoverage {
  /** Observed codes (e.g. from sample messages) that the table maps, with how often each was seen. */
  observedMapped: { code: string; count: number }[];
  /** Observed codes the table does not map: these hit the unmapped policy. */
  observedUnmapped: { code: string; count: number }[];
  /** Codes of the source code system that no entry maps. */
  sourceCodesUnmapped: CodeWithDisplay[];
  /** Entries whose source code is not in the source code system (typos, local codes). */
  entriesNotInSource: string[];
  /** Share of the source code system's codes that the table maps (0..1); undefined without source codes. */
  sourceCoverage: number | undefined;
}

/**
 * Coverage for review: which codes seen in samples, and which codes of the source code system,
 * the map leaves unmapped. Lists keep first-seen order so the studio shows them stably.
 */
export function valueMapCoverage(
  map: ValueMap,
  input: { observed?: Iterable<string>; sourceCodes?: Iterable<CodeWithDisplay> },
): ValueMapCoverage {
  const mapped = new Set(map.entries.map((entry) => entry.source));
  const counts = new Map<string, number>();
  for (const code of input.observed ?? []) {
    if (code === '') continue;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const observedMapped: { code: string; count: number }[] = [];
  const observedUnmapped: { code: string; count: number }[] = [];
  for (const [code, count] of counts) (mapped.has(code) ? observedMapped : observedUnmapped).push({ code, count });

  let sourceCodesUnmapped: CodeWithDisplay[] = [];
  let entriesNotInSource: string[] = [];
  let sourceCoverage: number | undefined;
  if (input.sourceCodes !== undefined) {
    const source = [...input.sourceCodes];
    const sourceSet = new Set(source.map((c) => c.code));
    sourceCodesUnmapped = source.filter((c) => !mapped.has(c.code));
    entriesNotInSource = map.entries.map((e) => e.source).filter((code) => !sourceSet.has(code));
    sourceCoverage = sourceSet.size === 0 ? undefined : (sourceSet.size - new Set(sourceCodesUnmapped.map((c) => c.code)).size) / sourceSet.size;
  }
  return { observedMapped, observedUnmapped, sourceCodesUnmapped, entriesNotInSource, sourceCoverage };
}
