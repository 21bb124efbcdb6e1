import { CrosswalkError } from '../../errors/CrosswalkError';
import { childPath, formatJsonPath, parseJsonPath } from '../../json/jsonPath';
import { inferCsvSchema, inferJsonSchema } from '../../schema/inferSchema';
import type { SchemaNode } from '../../schema/SchemaNode';
import type { InferredSchemaRef, SourceField } from '../spec/schemaRefs';

/**
 * The schema of a JSON or CSV source, as the studio's source tree shows it and the compiler checks
 * paths against it: inferred from the sample the spec keeps, then the fields the author set laid
 * over it (a type changed, a field the sample lacks added). Undefined when the spec gives neither
 * (nothing to check against: every path is read as written). A CSV message of one row is one
 * object; a CSV message of a whole file is the list of its rows.
 */
export function sourceSchemaTree(ref: InferredSchemaRef, where = 'schema'): SchemaNode | undefined {
  let root: SchemaNode | undefined;
  if (ref.sample !== undefined) {
    try {
      root = ref.standard === 'json'
        ? inferJsonSchema(ref.sample)
        : inferCsvSchema(ref.sample, { delimiter: ref.delimiter ?? ',', headerRow: ref.headerRow ?? 1 });
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      throw new CrosswalkError('SPEC_BAD_SAMPLE', `The ${ref.standard === 'json' ? 'JSON' : 'CSV'} sample the schema is inferred from cannot be read: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`, { ...error.where, path: `${where}.sample` });
    }
  }
  if (ref.standard === 'csv') {
    const file = ref.messages === 'file';
    const shape = { min: file ? 0 : 1, max: file ? '*' as const : 1, repeating: file, label: file ? 'CSV file (one item per row)' : 'CSV row' };
    root = root ? { ...root, ...shape } : ref.fields ? { id: '$', path: '$', name: '$', kind: 'object', hasChildren: false, children: [], ...shape } : undefined;
  }
  for (const [i, field] of (ref.fields ?? []).entries()) root = applyField(root, field, `${where}.fields[${i}]`);
  return root;
}

function objectNode(path: string, name: string): SchemaNode {
  return { id: path, path, name, label: name, kind: 'object', min: 0, max: 1, repeating: false, hasChildren: false, children: [] };
}

/** The tree with one field set: its node retyped, or added with the objects on its way. */
function applyField(tree: SchemaNode | undefined, field: SourceField, where: string): SchemaNode {
  let steps;
  try {
    steps = parseJsonPath(field.path);
  } catch (error) {
    throw error instanceof CrosswalkError ? new CrosswalkError('SPEC_BAD_FIELD', error.message, { path: `${where}.path` }) : error;
  }
  if (steps.some((step) => step.index !== undefined)) {
    throw new CrosswalkError('SPEC_BAD_FIELD', `The field path "${field.path}" names an array index; a schema field names every item (write it without [n]).`, { path: `${where}.path` });
  }
  const root = tree ?? objectNode('$', '$');
  let node = root;
  for (const step of steps) {
    const key = step.key as string;
    const path = childPath(node.path, key);
    let child = node.children?.find((c) => c.name === key);
    if (!child) {
      child = objectNode(path, key);
      node.children = [...(node.children ?? []), child];
      node.hasChildren = true;
      if (node.kind === 'value') node.kind = 'object';
    }
    node = child;
  }
  if (field.type === 'object') {
    node.kind = 'object';
    delete node.dataType;
  } else {
    node.kind = node.children && node.children.length > 0 ? 'object' : 'value';
    node.dataType = field.type;
  }
  delete node.types;
  if (field.repeating !== undefined) {
    node.repeating = field.repeating;
    node.max = field.repeating ? '*' : 1;
    if (field.repeating) node.min = 0;
  }
  return root;
}

/** Every path of a schema tree, to its node. */
export function schemaPaths(root: SchemaNode): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  const visit = (node: SchemaNode): void => {
    out.set(node.path, node);
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}

/**
 * Checks a source path against the map's schema: `$.readings[0].systolic` is in it when
 * `$.readings.systolic` is (indexes name items of the same field). MAP_UNKNOWN_SOURCE_PATH names
 * the fields that the deepest known step has.
 */
export function checkSourcePath(paths: ReadonlyMap<string, SchemaNode>, text: string, mapId: string): string | undefined {
  const steps = parseJsonPath(text).filter((step) => step.index === undefined);
  if (paths.has(formatJsonPath(steps))) return undefined;
  let known = '$';
  for (let i = 1; i <= steps.length; i++) {
    const prefix = formatJsonPath(steps.slice(0, i));
    if (!paths.has(prefix)) break;
    known = prefix;
  }
  const children = (paths.get(known)?.children ?? []).map((c) => c.name);
  const has = children.length === 0 ? `${known} has no fields` : `${known} has ${children.length > 12 ? `${children.slice(0, 12).join(', ')} and ${children.length - 12} more` : children.join(', ')}`;
  return `The path "${text}" is not in the source schema of map ${mapId}; ${has}. Add it as a field of the source if the data has it.`;
}
