import { CrosswalkError } from '../../errors/CrosswalkError';
import type { ExpressionNode } from '../expression/ExpressionAst';
import { parseExpression } from '../expression/parseExpression';
import type { Link, MapDefinition, MappingNode, SchemaRef } from '../spec/MappingSpec';

/**
 * What the map transforms need to know of a schema and cannot read from the spec: whether a
 * source item or target element repeats, and its type. The studio answers from the schema trees it
 * has loaded, tests from the catalog; `undefined` means not known.
 */
export interface SchemaRow {
  /** The schema tree's node kind (`segment`, `field`, `component`, `resource`, `type`, `element`, `backbone`, …). */
  kind: string;
  /** HL7 v2 data type (`CX`) or FHIR type (`Identifier`, `string`). */
  dataType?: string;
  repeating: boolean;
}
export type SchemaRowLookup = (schema: SchemaRef, path: string) => SchemaRow | undefined;

/** The source paths an expression reads (`OBX-2`, `CX.4.3`). */
export function expressionPaths(text: string): string[] {
  const out: string[] = [];
  visitPaths(parseExpression(text), (node) => out.push(node.path));
  return out;
}

/** The expression with every path replaced by `rewrite(path)`; the rest of the text is kept as written. */
export function rewriteExpression(text: string, rewrite: (path: string) => string): string {
  const hits: Array<{ at: number; path: string }> = [];
  visitPaths(parseExpression(text), (node) => hits.push({ at: node.column - 1, path: node.path }));
  let out = text;
  for (const hit of hits.sort((a, b) => b.at - a.at)) {
    if (out.slice(hit.at, hit.at + hit.path.length) !== hit.path) continue;
    out = `${out.slice(0, hit.at)}${rewrite(hit.path)}${out.slice(hit.at + hit.path.length)}`;
  }
  return out;
}

function visitPaths(node: ExpressionNode, visit: (node: Extract<ExpressionNode, { kind: 'path' }>) => void): void {
  switch (node.kind) {
    case 'path': visit(node); return;
    case 'call': node.args.forEach((arg) => visitPaths(arg, visit)); return;
    case 'not': visitPaths(node.operand, visit); return;
    case 'and': case 'or': case 'compare': visitPaths(node.left, visit); visitPaths(node.right, visit); return;
    default:
  }
}

/** The node's copy with its expression paths rewritten (conditions read source paths; other kinds none). */
export function rewriteNodePaths(node: MappingNode, rewrite: (path: string) => string): MappingNode {
  return node.kind === 'condition' ? { ...node, expression: rewriteExpression(node.expression, rewrite) } : node;
}

/**
 * Where a link into a context or a map call starts: the source path, and the condition nodes that
 * filter it on the way (outermost first), as the compiler follows them. Throws a CrosswalkError
 * with `code` when something other than a filtering condition is on the way.
 */
export function followFilters(map: MapDefinition, link: Link, code: string, what: string): { path: string; filters: string[] } {
  const filters: string[] = [];
  let from = link.from;
  const seen = new Set<string>();
  while ('node' in from) {
    const nodeId = from.node;
    const node = map.nodes.find((n) => n.id === nodeId);
    if (!node || node.kind !== 'condition' || seen.has(node.id)) {
      throw new CrosswalkError(code, `${what} starts at the ${node?.kind ?? 'missing'} node "${nodeId}"; it must start at a source item or at a condition filtering one.`, { map: map.id, link: link.id });
    }
    seen.add(node.id);
    filters.unshift(node.id);
    const into = map.links.find((l) => 'node' in l.to && l.to.node === node.id && l.to.port === 'in');
    if (!into) throw new CrosswalkError(code, `${what} starts at condition "${node.id}", which filters nothing.`, { map: map.id, node: node.id });
    from = into.from;
  }
  return { path: from.path, filters };
}

/** A target path written relative to another: `Identifier.value` of an output placed at `Patient.identifier` is `Patient.identifier.value`. */
export function placeTargetPath(at: string, path: string, type: string): string {
  return path === type ? at : `${at}${path.slice(type.length)}`;
}

/** `path` is `under` or lies below it (`Patient.identifier.value` under `Patient.identifier`). */
export function targetPathWithin(path: string, under: string): boolean {
  return path === under || path.startsWith(`${under}.`) || path.startsWith(`${under}:`);
}
