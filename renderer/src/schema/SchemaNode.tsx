import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps, type Node } from '@xyflow/react';
import { findSchemaNode, useSchemaStore } from '../state/schemaStore';
import { useViewStore } from '../state/viewStore';
import { flattenTree, nearestVisible, nodeKey, parentByGrammar, type TreeRow } from './flattenTree';
import { useRowDecorations } from '../canvas/useRowDecorations';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';

export interface SchemaNodeData extends Record<string, unknown> {
  side: 'source' | 'target';
  title: string;
  subtitle: string;
  schemaKey: string;
  /** Where its view state (expanded rows, search, scroll window) is kept: per map and node. */
  viewKey: string;
}

export type SchemaFlowNode = Node<SchemaNodeData, 'schema'>;

export const ROW_HEIGHT = 24;

const MARK_CLASS = { missing: 'missing', missingBelow: 'missing-below', unused: 'unused', unusedBelow: 'unused-below' } as const;
const OVERSCAN = 6;

/** The reveal requests already carried out, per schema node: a node shown again (another map, back from the table) does not scroll again. */
const revealsDone = new Map<string, number>();

function cardinality(node: SchemaTreeNode): string {
  return `${node.min}..${node.max}`;
}

function allExpandable(roots: readonly SchemaTreeNode[]): string[] {
  const keys: string[] = [];
  const walk = (nodes: readonly SchemaTreeNode[]) => {
    for (const node of nodes) if (node.children && node.children.length > 0) { keys.push(nodeKey(node)); walk(node.children); }
  };
  walk(roots);
  return keys;
}

function tooltip(node: SchemaTreeNode): string {
  const lines = [`${node.path}  ${node.label ?? node.name}`];
  const facts = [node.dataType, cardinality(node), node.repeating ? 'repeating' : undefined,
    node.table ? `table ${node.table}` : undefined, node.length ? `length ${node.length}` : undefined,
    node.binding ? `${node.binding.strength} binding ${node.binding.valueSet ?? ''}` : undefined].filter(Boolean);
  lines.push(facts.join(' · '));
  if (node.description) lines.push(node.description);
  return lines.join('\n');
}

/** How many of the node's rows coverage marks: required elements no link writes, or valued fields no link reads. */
function CoverageCount({ side, marks }: { side: 'source' | 'target'; marks: ReadonlyMap<string, { kind: string }> }) {
  const counted = side === 'target' ? 'missing' : 'unused';
  let n = 0;
  for (const mark of marks.values()) if (mark.kind === counted) n++;
  if (n === 0) return null;
  return side === 'target'
    ? <span className="coverage-count coverage-count--missing" data-testid="coverage-count-target" title="Required or must-support elements no link writes">{n} required unlinked</span>
    : <span className="coverage-count coverage-count--unused" data-testid="coverage-count-source" title="Fields the samples value and no link reads">{n} valued, unread</span>;
}

/**
 * A source or target schema as a canvas node: a searchable field tree whose rows are windowed
 * (only the rows in view exist in the DOM, so whole ADT_A01 and FHIR trees stay smooth), with one
 * handle per row inside the row, and edge handles above/below the list for links to rows
 * scrolled out of view.
 */
function SchemaNodeView({ id, data, height }: NodeProps<SchemaFlowNode>) {
  const schema = useSchemaStore((s) => s.schemas[data.schemaKey]);
  const expandLazy = useSchemaStore((s) => s.expand);
  const key = data.viewKey;
  const expanded = useViewStore((s) => s.expanded[key]);
  const query = useViewStore((s) => s.query[key] ?? '');
  const toggle = useViewStore((s) => s.toggle);
  const setQuery = useViewStore((s) => s.setQuery);
  const setWindow = useViewStore((s) => s.setWindow);
  const setFocus = useViewStore((s) => s.setFocus);
  const expandAll = useViewStore((s) => s.expandAll);
  const collapseAll = useViewStore((s) => s.collapseAll);
  const decorations = useRowDecorations(id, data.side);
  const updateNodeInternals = useUpdateNodeInternals();
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);

  const loaded = schema !== undefined && schema !== 'loading' && !('error' in schema) ? schema : undefined;
  const rows: TreeRow[] = useMemo(
    () => (loaded ? flattenTree(loaded.roots, expanded ?? new Set(), query) : []),
    [loaded, expanded, query],
  );
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length - 1, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  // What the edges may attach to: rows fully inside the list's visible part.
  const firstVisible = Math.ceil(scrollTop / ROW_HEIGHT);
  const lastVisible = Math.floor((scrollTop + viewport) / ROW_HEIGHT) - 1;

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [height]);

  useEffect(() => {
    if (!loaded) return;
    const index = new Map<string, number>();
    rows.forEach((row, i) => index.set(row.node.path, i));
    setWindow(key, { index, first: firstVisible, last: lastVisible, parents: loaded.parents });
    updateNodeInternals(id);
  }, [id, key, rows, firstVisible, lastVisible, loaded, setWindow, updateNodeInternals]);

  // A row asked to be shown (a link opened from the table, a coverage entry): its ancestors are
  // opened and, once the rows are laid out, the list scrolls to it (or to the nearest row above).
  const reveal = useViewStore((s) => s.revealRows[key]);
  const pendingScroll = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!reveal || !loaded || revealsDone.get(key) === reveal.nonce) return;
    revealsDone.set(key, reveal.nonce);
    const parentOf = (path: string) => (loaded.parents.has(path) ? loaded.parents.get(path) : parentByGrammar(path));
    const open: string[] = [];
    const seen = new Set<string>();
    for (let at = parentOf(reveal.what); at !== undefined && !seen.has(at); at = parentOf(at)) {
      seen.add(at);
      const node = findSchemaNode(loaded, at);
      if (node) open.push(nodeKey(node));
    }
    if (useViewStore.getState().query[key]) setQuery(key, '');
    expandAll(key, open);
    pendingScroll.current = reveal.what;
  }, [reveal, loaded, key, expandAll, setQuery]);
  useEffect(() => {
    const path = pendingScroll.current;
    const el = listRef.current;
    if (path === undefined || !el || !loaded) return;
    const index = new Map(rows.map((row, i) => [row.node.path, i]));
    const row = nearestVisible(path, index, loaded.parents);
    if (row === undefined) return;
    pendingScroll.current = undefined;
    const top = Math.max(0, (index.get(row) ?? 0) * ROW_HEIGHT - Math.floor(el.clientHeight / 3));
    el.scrollTop = top;
    setScrollTop(top);
  }, [rows, loaded]);

  const onScroll = useCallback(() => {
    const el = listRef.current;
    if (el) setScrollTop(el.scrollTop);
  }, []);

  const onToggle = useCallback((row: TreeRow) => {
    const path = nodeKey(row.node);
    if (!row.expanded && row.node.hasChildren && !row.node.children?.length) void expandLazy(data.schemaKey, path);
    toggle(key, path, !row.expanded);
  }, [data.schemaKey, expandLazy, key, toggle]);

  const handleType = data.side === 'source' ? 'source' : 'target';
  const handlePosition = data.side === 'source' ? Position.Right : Position.Left;
  const visibleRows = rows.slice(first, last + 1);

  return (
    <div className={`schema-node schema-node--${data.side}`} data-testid={`schema-node-${data.side}`} data-node-id={id}>
      <div className="schema-node__header">
        <div className="schema-node__title" title={data.subtitle}>
          <span className={`side-badge side-badge--${data.side}`}>{data.side === 'source' ? 'SOURCE' : 'TARGET'}</span>
          {data.title}
        </div>
        <div className="schema-node__subtitle">
          {data.subtitle}
          <CoverageCount side={data.side} marks={decorations.coverage} />
          <span className="schema-node__tools">
            <button className="link-button nodrag" data-testid={`expand-all-${data.side}`} title="Expand every loaded field"
              onClick={() => loaded && expandAll(key, allExpandable(loaded.roots))}>expand all</button>
            <button className="link-button nodrag" title="Collapse to the segments or top elements" onClick={() => collapseAll(key)}>collapse</button>
          </span>
        </div>
        <input
          className="schema-node__search nodrag"
          type="search"
          placeholder="Search fields…"
          value={query}
          data-testid={`schema-search-${data.side}`}
          onChange={(e) => setQuery(key, e.target.value)}
        />
      </div>
      <Handle type={handleType} position={handlePosition} id="__above" className="edge-handle edge-handle--above" isConnectable={false} />
      <div className="schema-node__list nowheel nodrag" ref={listRef} onScroll={onScroll}>
        {schema === 'loading' || schema === undefined ? <div className="schema-node__empty">Loading schema…</div> : null}
        {schema !== undefined && schema !== 'loading' && 'error' in schema ? <div className="schema-node__empty error-text">{schema.error}</div> : null}
        {loaded && loaded.roots.length === 0 ? <div className="schema-node__empty">This source's schema has no sample to infer its fields from and sets none.</div> : null}
        {loaded && loaded.roots.length > 0 && rows.length === 0 ? <div className="schema-node__empty">No field matches “{query}”.</div> : null}
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {visibleRows.map((row, i) => {
            const path = row.node.path;
            const classes = ['schema-row'];
            if (row.match) classes.push('schema-row--match');
            if (decorations.linked.has(path)) classes.push('schema-row--linked');
            else if (data.side === 'source' && !row.expandable) classes.push('schema-row--unlinked');
            if (decorations.highlighted.has(path)) classes.push('schema-row--highlight');
            const mark = decorations.coverage.get(path);
            if (mark) classes.push(`schema-row--${MARK_CLASS[mark.kind]}`);
            const value = decorations.values.get(path);
            return (
              <div
                key={nodeKey(row.node)}
                className={classes.join(' ')}
                style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 6 + row.depth * 14 }}
                data-side={data.side}
                data-field-path={path}
                data-coverage={mark?.kind}
                title={mark ? `${tooltip(row.node)}\n${mark.note}` : tooltip(row.node)}
                onClick={() => setFocus({ kind: data.side, node: id, path })}
              >
                {row.expandable ? (
                  <button
                    className="schema-row__toggle"
                    aria-label={row.expanded ? `Collapse ${path}` : `Expand ${path}`}
                    data-testid={`toggle-${path}`}
                    onClick={(e) => { e.stopPropagation(); onToggle(row); }}
                  >
                    {row.expanded ? '▾' : '▸'}
                  </button>
                ) : <span className="schema-row__toggle schema-row__toggle--leaf" />}
                {data.side === 'source' || row.depth === 0 ? (
                  // A JSON path ends with the member's own name: the path alone says it.
                  <><span className="schema-row__path">{row.depth === 0 ? row.node.name : path}</span><span className="schema-row__name">{row.depth === 0 || path.startsWith('$') ? '' : row.node.label ?? row.node.name}</span></>
                ) : <span className="schema-row__name schema-row__name--fhir">{row.node.name}</span>}
                {row.node.repeating ? <span className="schema-row__rep" title="repeating">⟳</span> : null}
                {mark?.kind === 'missing' ? <span className="schema-row__mark schema-row__mark--missing" aria-label="required, no link writes it">!</span> : null}
                {mark?.kind === 'unused' ? <span className="schema-row__mark schema-row__mark--unused" aria-label="valued, no link reads it">unused</span> : null}
                {value !== undefined ? <span className="schema-row__value" title={value}>{value}</span> : null}
                <span className="schema-row__type">{row.node.dataType ?? ''}</span>
                <span className="schema-row__card">{cardinality(row.node)}</span>
                <Handle type={handleType} position={handlePosition} id={path} className="row-handle" />
              </div>
            );
          })}
        </div>
      </div>
      <Handle type={handleType} position={handlePosition} id="__below" className="edge-handle edge-handle--below" isConnectable={false} />
      <Handle type={handleType} position={handlePosition} id="__node" className="edge-handle edge-handle--node" isConnectable={false} />
    </div>
  );
}

export const SchemaNode = memo(SchemaNodeView);
