import { CrosswalkError } from '../errors/CrosswalkError';
import { csvColumnNames, iterateCsv } from '../csv/parseCsv';
import { Decimal } from '../json/Decimal';
import { childPath } from '../json/jsonPath';
import { parseJsonText } from '../json/parseJsonText';
import type { SchemaNode } from './SchemaNode';
import { cellType, stringType } from './valueTypes';

/**
 * Schemas inferred from a sample, for sources and targets that have no standard: a JSON document
 * (object keys → elements, arrays → repeating) or a CSV header with optional sample rows. Paths
 * are JSONPath-like: `$`, `$.patient.name`, `$["first name"]`, the same for JSON and CSV.
 */

const MAX_DEPTH = 64;

export { childPath };

/** What was seen at one place in the sample, over every instance. */
interface Shape {
  array: boolean;
  nulls: number;
  types: Set<string>;
  /** Object instances seen here, and per key the shape and in how many of them it had a value. */
  objects: number;
  fields: Map<string, { shape: Shape; presentIn: number }>;
}

function newShape(): Shape {
  return { array: false, nulls: 0, types: new Set(), objects: 0, fields: new Map() };
}

function observe(shape: Shape, value: unknown, depth: number, path: string): void {
  if (depth > MAX_DEPTH) {
    throw new CrosswalkError('INFER_TOO_DEEP', `The sample nests deeper than ${MAX_DEPTH} levels.`, { path });
  }
  if (Array.isArray(value)) {
    // Each item is an instance of the same repeating element (items of nested arrays too).
    shape.array = true;
    for (const item of value) observe(shape, item, depth + 1, path);
  } else if (value === null || value === undefined) {
    shape.nulls++;
  } else if (value instanceof Decimal) {
    shape.types.add('number');
  } else if (typeof value === 'object') {
    shape.types.add('object');
    shape.objects++;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      let field = shape.fields.get(key);
      if (!field) {
        field = { shape: newShape(), presentIn: 0 };
        shape.fields.set(key, field);
      }
      if (child !== null && child !== undefined) field.presentIn++;
      observe(field.shape, child, depth + 1, childPath(path, key));
    }
  } else if (typeof value === 'string') shape.types.add(stringType(value));
  else if (typeof value === 'number') shape.types.add('number');
  else if (typeof value === 'boolean') shape.types.add('boolean');
}

function mergedType(types: Set<string>): { dataType?: string; types?: string[] } {
  const scalar = [...types].filter((type) => type !== 'object');
  if (scalar.length === 0) return {};
  if (scalar.length === 1) return { dataType: scalar[0] };
  // date and dateTime (and plain strings) all read as strings when mixed.
  if (scalar.every((type) => type === 'string' || type === 'date' || type === 'dateTime')) {
    return scalar.includes('string') ? { dataType: 'string' } : { dataType: 'dateTime' };
  }
  return { dataType: 'any', types: scalar.sort() };
}

function shapeNode(shape: Shape, path: string, name: string, required: boolean): SchemaNode {
  const isObject = shape.types.has('object');
  const { dataType, types } = mergedType(shape.types);
  const node: SchemaNode = {
    id: path, path, name, label: name, kind: isObject ? 'object' : 'value',
    min: required && !shape.array ? 1 : 0, max: shape.array ? '*' : 1, repeating: shape.array,
    hasChildren: false, children: [],
  };
  if (dataType !== undefined) node.dataType = dataType;
  if (types !== undefined) node.types = types;
  // Objects in some instances and scalars in others: say so rather than pick one.
  if (isObject && dataType !== undefined) node.types = ['object', ...(types ?? [dataType])];
  if (isObject) {
    node.children = [...shape.fields].map(([key, field]) =>
      // Required when every object seen here had a value for the key.
      shapeNode(field.shape, childPath(path, key), key, field.presentIn === shape.objects && field.shape.nulls === 0));
    node.hasChildren = node.children.length > 0;
  }
  return node;
}
/** The schema of a JSON sample given as text or as a parsed value. */
export function inferJsonSchema(sample: string | unknown, options: { name?: string } = {}): SchemaNode {
  // The one JSON reader: a malformed sample is JSON_INVALID with its line and column, as an input is.
  const value = typeof sample === 'string' ? parseJsonText(sample) : sample;
  const shape = newShape();
  observe(shape, value, 0, '$');
  return shapeNode(shape, '$', options.name ?? '$', true);
}

function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) { best = candidate; bestCount = count; }
  }
  return best;
}

/** The schema of a CSV file from its header line; sample rows below it, if any, give the column types. */
export function inferCsvSchema(text: string, options: { delimiter?: string; name?: string; sampleRows?: number; headerRow?: number } = {}): SchemaNode {
  const delimiter = options.delimiter ?? detectDelimiter(text.slice(0, text.search(/\r|\n|$/)));
  const headerRow = options.headerRow ?? 1;
  // The header is the headerRow-th record; up to sampleRows records after it give the column types.
  const rows = csvRecords(text, delimiter, headerRow + (options.sampleRows ?? 100)).slice(headerRow - 1);
  const header = rows[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw new CrosswalkError('CSV_NO_HEADER', `The CSV has no header on line ${headerRow}.`, { line: headerRow });
  }
  const names = csvColumnNames(header);
  const samples = rows.slice(1);
  const children = names.map((name, column): SchemaNode => {
    const types = new Set<string>();
    let filled = 0;
    for (const row of samples) {
      const type = cellType(row[column] ?? '');
      if (type !== undefined) { types.add(type); filled++; }
    }
    const path = childPath('$', name);
    const node: SchemaNode = {
      id: path, path, name, label: name, description: `column ${column + 1}`, kind: 'value',
      min: samples.length > 0 && filled === samples.length ? 1 : 0, max: 1, repeating: false, hasChildren: false, children: [],
    };
    const merged = mergedType(types);
    // Numbers beside text in one column are codes or identifiers: read them as text.
    node.dataType = types.size === 0 ? 'string' : merged.dataType === 'any' ? 'string' : merged.dataType;
    return node;
  });
  return {
    id: '$', path: '$', name: options.name ?? '$', label: options.name ?? 'CSV row', kind: 'object',
    min: 0, max: '*', repeating: true, hasChildren: children.length > 0, children,
  };
}

/** The first `limit` records' fields (a long sample is not read to its end). */
function csvRecords(text: string, delimiter: string, limit: number): string[][] {
  const rows: string[][] = [];
  for (const row of iterateCsv(text, { delimiter })) {
    if (row.error) throw row.error;
    rows.push(row.fields);
    if (rows.length >= limit) break;
  }
  return rows;
}
