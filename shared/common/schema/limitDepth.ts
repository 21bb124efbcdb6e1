import type { SchemaNode } from './SchemaNode';

/**
 * A copy of a tree with `depth` levels of children (0 = the node alone); nodes cut off keep
 * `hasChildren: true` and lose `children`, the "not loaded" mark the canvas expands on demand.
 */
export function limitDepth(node: SchemaNode, depth: number): SchemaNode {
  const copy: SchemaNode = { ...node };
  if (node.children === undefined) return copy;
  if (depth > 0 || node.children.length === 0) copy.children = node.children.map((child) => limitDepth(child, depth - 1));
  else delete copy.children;
  return copy;
}
