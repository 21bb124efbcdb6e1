import { useMemo } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { useViewStore, type Focus } from '../state/viewStore';
import { usePreviewStore } from '../preview/previewStore';
import { rowKey, traceGraph, type Highlight } from './traceGraph';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { PreviewResult } from '../preview/previewTypes';
import { useSchemaStore } from '../state/schemaStore';
import { keyOf, schemaRefKey } from './specToFlow';

// One computation per (spec, focus), shared by every node that asks.
let memo: { spec: MappingSpec | undefined; focus: Focus; value: Highlight } | undefined;
function highlightFor(spec: MappingSpec | undefined, focus: Focus): Highlight {
  if (memo && memo.spec === spec && memo.focus === focus) return memo.value;
  const value = spec ? traceGraph(spec, focus) : { links: new Set<string>(), nodes: new Set<string>(), rows: new Set<string>() };
  memo = { spec, focus, value };
  return value;
}

export function useHighlight(): Highlight {
  const spec = useDocumentStore((s) => s.spec);
  const focus = useViewStore((s) => s.focus);
  return highlightFor(spec, focus);
}

export function useNodeHighlight(nodeId: string): boolean {
  const spec = useDocumentStore((s) => s.spec);
  const focus = useViewStore((s) => s.focus);
  return highlightFor(spec, focus).nodes.has(nodeId);
}

export interface RowDecorations {
  linked: Set<string>;
  highlighted: Set<string>;
  /** Required target elements the current output leaves empty. */
  missing: Set<string>;
  /** The value a row holds in the current sample (source) or output (target). */
  values: Map<string, string>;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function targetValues(result: PreviewResult | undefined, nodeId: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const item of result?.trace ?? []) {
    if (item.target === nodeId && !values.has(item.targetPath)) values.set(item.targetPath, show(item.value));
  }
  return values;
}

/** Per schema node: which rows are linked, highlighted by the trace, missing, and their values. */
export function useRowDecorations(nodeId: string, side: 'source' | 'target'): RowDecorations {
  const spec = useDocumentStore((s) => s.spec);
  const focus = useViewStore((s) => s.focus);
  const result = usePreviewStore((s) => s.result);
  const required = useRequiredTargets(nodeId, side);
  return useMemo(() => {
    const linked = new Set<string>();
    for (const link of spec?.links ?? []) {
      if (side === 'source' && 'source' in link.from && link.from.source === nodeId) linked.add(link.from.path);
      if (side === 'target' && 'target' in link.to && link.to.target === nodeId) linked.add(link.to.path);
    }
    const highlight = highlightFor(spec, focus);
    const highlighted = new Set<string>();
    const prefix = rowKey(nodeId, '');
    for (const key of highlight.rows) if (key.startsWith(prefix)) highlighted.add(key.slice(prefix.length));
    const values = side === 'source' ? new Map(Object.entries(result?.sourceValues ?? {})) : targetValues(result, nodeId);
    const missing = new Set<string>();
    if (side === 'target' && result && !result.error) for (const path of required) if (!values.has(path)) missing.add(path);
    return { linked, highlighted, missing, values };
  }, [spec, focus, result, nodeId, side, required]);
}

/** Required (min ≥ 1) elements directly under the target's root. */
function useRequiredTargets(nodeId: string, side: 'source' | 'target'): string[] {
  const spec = useDocumentStore((s) => s.spec);
  const target = side === 'target' ? spec?.targets.find((t) => t.id === nodeId) : undefined;
  const key = target ? keyOf(schemaRefKey(target.schema)) : undefined;
  const schema = useSchemaStore((s) => (key ? s.schemas[key] : undefined));
  return useMemo(() => {
    if (!schema || schema === 'loading' || 'error' in schema) return [];
    const out: string[] = [];
    for (const root of schema.roots) for (const child of root.children ?? []) if (child.min >= 1) out.push(child.path);
    return out;
  }, [schema]);
}
