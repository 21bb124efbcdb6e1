import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { formatJsonPath, isJsonPath, parseJsonPath } from '../../../shared/common/json/jsonPath';

/** One visible row of a schema tree: what the virtualized list renders. */
export interface TreeRow {
  node: SchemaTreeNode;
  depth: number;
  /** Has children (loaded or still to load). */
  expandable: boolean;
  expanded: boolean;
  /** Matches the search query (rows shown only as ancestors of a match are false). */
  match: boolean;
}

/** Parent of every loaded path, built once per tree, for "nearest visible ancestor" lookups. */
export function buildParentIndex(roots: readonly SchemaTreeNode[]): Map<string, string | undefined> {
  const parents = new Map<string, string | undefined>();
  const stack: Array<[SchemaTreeNode, string | undefined]> = roots.map((r) => [r, undefined]);
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    parents.set(node.path, parent);
    if (node.children) for (const child of node.children) stack.push([child, node.path]);
  }
  return parents;
}

/** The key a row expands by: the catalog's id (unique even where a v2 segment sits in two groups), else its path. */
export function nodeKey(node: SchemaTreeNode): string {
  return typeof node.id === 'string' ? node.id : node.path;
}

export function isExpandable(node: SchemaTreeNode): boolean {
  return (node.children !== undefined && node.children.length > 0) || node.hasChildren === true;
}

function matches(node: SchemaTreeNode, needle: string): boolean {
  return node.name.toLowerCase().includes(needle)
    || node.path.toLowerCase().includes(needle)
    || (node.label?.toLowerCase().includes(needle) ?? false)
    || (node.description?.toLowerCase().includes(needle) ?? false);
}

/**
 * The rows to show, in order. Without a query: the expanded parts of the tree. With a query:
 * every loaded node that matches, with its ancestors opened to reveal it (children of a match
 * follow the expanded set as usual), so a search never hides where a field lives.
 */
export function flattenTree(roots: readonly SchemaTreeNode[], expanded: ReadonlySet<string>, query: string): TreeRow[] {
  const rows: TreeRow[] = [];
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    const walk = (nodes: readonly SchemaTreeNode[], depth: number): void => {
      for (const node of nodes) {
        const expandable = isExpandable(node);
        // The root (the message or resource) is always open: a collapsed tree of one row helps nobody.
        const open = expandable && (depth === 0 || expanded.has(nodeKey(node)));
        rows.push({ node, depth, expandable: expandable && depth > 0, expanded: open, match: false });
        if (open && node.children) walk(node.children, depth + 1);
      }
    };
    walk(roots, 0);
    return rows;
  }
  // Which subtrees contain a match: computed bottom-up once, so the walk below is linear.
  const hasMatch = new Map<SchemaTreeNode, boolean>();
  const mark = (node: SchemaTreeNode): boolean => {
    let any = matches(node, needle);
    if (node.children) for (const child of node.children) if (mark(child)) any = true;
    hasMatch.set(node, any);
    return any;
  };
  for (const root of roots) mark(root);
  const walk = (nodes: readonly SchemaTreeNode[], depth: number, insideMatch: boolean): void => {
    for (const node of nodes) {
      const self = matches(node, needle);
      if (!insideMatch && hasMatch.get(node) !== true) continue;
      const expandable = isExpandable(node);
      const revealsMatch = node.children?.some((c) => hasMatch.get(c) === true) ?? false;
      const open = expandable && (depth === 0 || revealsMatch || expanded.has(nodeKey(node)));
      rows.push({ node, depth, expandable: expandable && depth > 0, expanded: open, match: self });
      if (open && node.children) walk(node.children, depth + 1, insideMatch || self);
    }
  };
  walk(roots, 0, false);
  return rows;
}

/**
 * The row to attach a link to for `path`: the row itself when visible, else its nearest visible
 * ancestor (the field is collapsed into it). undefined when neither is in the rows.
 */
export function nearestVisible(path: string, rowIndex: ReadonlyMap<string, number>, parents: ReadonlyMap<string, string | undefined>): string | undefined {
  let current: string | undefined = path;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current)) {
    if (rowIndex.has(current)) return current;
    seen.add(current);
    current = parents.has(current) ? parents.get(current) : parentByGrammar(current);
  }
  return undefined;
}

/** A parent path read from the standards' path grammar, for paths not loaded in the tree yet. */
export function parentByGrammar(path: string): string | undefined {
  // JSON (schema rows name every item, without [n]): $.readings[0].unit → $.readings.unit → $.readings → $.
  if (isJsonPath(path)) {
    let steps;
    try {
      steps = parseJsonPath(path);
    } catch {
      return undefined;
    }
    const keys = steps.filter((step) => step.key !== undefined);
    if (keys.length !== steps.length) return formatJsonPath(keys);
    return steps.length > 0 ? formatJsonPath(steps.slice(0, -1)) : undefined;
  }
  // v2 (schema rows carry no repetition index): PID-3[2].4.2 → PID-3.4.2 → PID-3.4 → PID-3 → PID.
  if (/^[A-Z][A-Z0-9]{2}(\[\d+\])?(-|$)/.test(path)) {
    const plain = path.replace(/\[\d+\]/g, '');
    if (plain !== path) return plain;
    const cut = Math.max(plain.lastIndexOf('.'), plain.lastIndexOf('-'));
    return cut > 0 ? plain.slice(0, cut) : undefined;
  }
  // FHIR: Patient.name.family → Patient.name → Patient.
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : undefined;
}
