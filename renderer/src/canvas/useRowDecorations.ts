import { useMemo } from 'react';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { selectMap, useDocumentStore } from '../state/documentStore';
import { useViewStore, type Focus } from '../state/viewStore';
import { usePreviewStore } from '../preview/previewStore';
import { tracedAt } from '../preview/tracedAt';
import type { PreviewResult } from '../preview/previewTypes';
import { keyOfRef, useSchemaStore } from '../state/schemaStore';
import { parentByGrammar } from '../schema/flattenTree';
import { useCoverageStore } from '../coverage/coverageStore';
import { sourceMarks, targetMarks, type RowMark } from '../coverage/coverageMarks';
import { emptyHighlight, rowKey, traceGraph, traceHighlight, type Highlight } from './traceGraph';
import { Decimal } from '../../../shared/common/json/Decimal';
import { writeJson } from '../../../shared/common/json/writeJson';

// One computation per (map, focus, preview), shared by every node that asks.
let memo: { map: MapDefinition | undefined; focus: Focus; result: PreviewResult | undefined; value: Highlight } | undefined;
function highlightFor(map: MapDefinition | undefined, focus: Focus, result: PreviewResult | undefined): Highlight {
  if (memo && memo.map === map && memo.focus === focus && (focus?.kind !== 'trace' || memo.result === result)) return memo.value;
  let value = emptyHighlight();
  if (map && focus?.kind === 'trace') value = traceHighlight(map, result ? tracedAt(result, focus.output) : []);
  else if (map) value = traceGraph(map, focus);
  memo = { map, focus, result, value };
  return value;
}

export function useHighlight(): Highlight {
  const map = useDocumentStore(selectMap);
  const focus = useViewStore((s) => s.focus);
  const result = usePreviewStore((s) => s.result);
  return highlightFor(map, focus, result);
}

export interface RowDecorations {
  linked: Set<string>;
  highlighted: Set<string>;
  /** Coverage: required or must-support elements no link writes (and rows above them), valued sample fields no link reads. */
  coverage: Map<string, RowMark>;
  /** The value a row holds in the current sample (source) or output (target). */
  values: Map<string, string>;
}

/** A row's value as a short text: an object written whole (a map's output merged in) is only marked. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Decimal) return value.text;
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? `[${value.length}]` : '{…}';
  return writeJson(value);
}

/** The values the current map's links wrote into one of its targets, by target path (in this map's terms). */
function targetValues(result: PreviewResult | undefined, map: MapDefinition, nodeId: string): Map<string, string> {
  const values = new Map<string, string>();
  const prefix = `${map.id}/`;
  const byId = new Map(map.links.map((l) => [l.id, l]));
  for (const item of result?.trace ?? []) {
    if (!item.link.startsWith(prefix)) continue;
    const link = byId.get(item.link.slice(prefix.length));
    if (!link || !('target' in link.to) || link.to.target !== nodeId) continue;
    if (!values.has(item.targetPath)) values.set(item.targetPath, show(item.value));
  }
  return values;
}

/** Per schema node of the current map: which rows are linked, highlighted by the trace, marked by coverage, and their values. */
export function useRowDecorations(nodeId: string, side: 'source' | 'target'): RowDecorations {
  const map = useDocumentStore(selectMap);
  const highlight = useHighlight();
  const result = usePreviewStore((s) => s.result);
  const coverage = useCoverageMarks(map, nodeId, side);
  return useMemo(() => {
    const linked = new Set<string>();
    for (const link of map?.links ?? []) {
      if (side === 'source' && 'source' in link.from && link.from.source === nodeId) linked.add(link.from.path);
      if (side === 'target' && 'target' in link.to && link.to.target === nodeId) linked.add(link.to.path);
    }
    const highlighted = new Set<string>();
    const prefix = rowKey(nodeId, '');
    for (const key of highlight.rows) if (key.startsWith(prefix)) highlighted.add(key.slice(prefix.length));
    // Source rows show the sample's values where they read the message itself: a message map, or
    // an HL7 v2 segment map (its paths are the message's); a JSON map called on an item reads `$` of the item.
    const readsMessage = map !== undefined && (map.kind === 'message' || (map.kind === 'segment' && map.sources[0].schema.standard === 'hl7v2'));
    const values = side === 'source' ? (readsMessage ? new Map(Object.entries(result?.sourceValues ?? {})) : new Map<string, string>()) : map ? targetValues(result, map, nodeId) : new Map<string, string>();
    return { linked, highlighted, coverage, values };
  }, [map, highlight, result, nodeId, side, coverage]);
}

/**
 * The coverage marks of one schema node of the current map (coverageStore, computed on the host
 * over the studio's samples): its target's required or must-support elements no link writes, or
 * its input's valued fields no link reads. Rows above are found in the loaded tree, else by the
 * path grammar (a FHIR element not loaded yet).
 */
function useCoverageMarks(map: MapDefinition | undefined, nodeId: string, side: 'source' | 'target'): Map<string, RowMark> {
  const coverage = useCoverageStore((s) => s.result);
  const end = side === 'source' ? map?.sources.find((s) => s.id === nodeId) : map?.targets.find((t) => t.id === nodeId);
  const key = end ? keyOfRef(end.schema) : undefined;
  const schema = useSchemaStore((s) => (key ? s.schemas[key] : undefined));
  return useMemo(() => {
    if (!map || !end) return new Map<string, RowMark>();
    const parents = schema !== undefined && schema !== 'loading' && !('error' in schema) ? schema.parents : undefined;
    const parentOf = (path: string) => (parents?.has(path) ? parents.get(path) : parentByGrammar(path));
    return side === 'source' ? sourceMarks(coverage, map.id, parentOf) : targetMarks(coverage, map.id, nodeId, parentOf);
  }, [coverage, map, end, schema, side, nodeId]);
}
