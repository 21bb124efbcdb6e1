import type { SchemaNode } from './SchemaNode';

export type SchemaSearchHit = {
  id: string;
  path: string;
  name: string;
  label: string;
  dataType?: string;
  /** Ids from the root down to the hit's parent: expand these to reveal it. */
  ancestors: string[];
};

/**
 * Nodes of a loaded tree whose path, name, label, description or data type contain every word of
 * the query (case-insensitive), in tree order. Only loaded children are searched.
 */
export function searchSchemaTree(root: SchemaNode, query: string, limit = 200): SchemaSearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  const hits: SchemaSearchHit[] = [];
  if (words.length === 0) return hits;
  const visit = (node: SchemaNode, ancestors: string[]): void => {
    if (hits.length >= limit) return;
    const text = `${node.path} ${node.name} ${node.label} ${node.description ?? ''} ${node.dataType ?? ''}`.toLowerCase();
    if (words.every((word) => text.includes(word))) {
      const hit: SchemaSearchHit = { id: node.id, path: node.path, name: node.name, label: node.label, ancestors };
      if (node.dataType !== undefined) hit.dataType = node.dataType;
      hits.push(hit);
    }
    const below = [...ancestors, node.id];
    for (const child of node.children ?? []) visit(child, below);
  };
  visit(root, []);
  return hits;
}
