import { CrosswalkError } from '../errors/CrosswalkError';
import type { SchemaNode } from './SchemaNode';

/**
 * Schemas inferred from a sample, for sources and targets that have no standard: a JSON document
 * (object keys → elements, arrays → repeating) or a CSV header with optional sample rows. Paths
 * are JSONPath-like: `$`, `$.patient.name`, `$["first name"]`, the same for JSON and CSV.
 */

const MAX_DEPTH = 64;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function stringType(value: string): string {
  if (DATE.test(value)) return 'date';
  if (DATE_TIME.test(value)) return 'dateTime';
  return 'string';
}

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
  let value: unknown = sample;
  if (typeof sample === 'string') {
    try {
      value = JSON.parse(sample);
    } catch (error) {
      // The engine's message quotes the sample, which may be patient data: keep only the position.
      const detail = error instanceof Error ? error.message : '';
      const offset = /position (\d+)/.exec(detail)?.[1];
      throw new CrosswalkError('INFER_BAD_JSON',
        offset !== undefined ? `The JSON sample is not valid JSON at character ${offset}.` : 'The JSON sample is not valid JSON.',
        offset !== undefined ? { offset: Number(offset) } : {});
    }
  }
  const shape = newShape();
  observe(shape, value, 0, '$');
  return shapeNode(shape, '$', options.name ?? '$', true);
}

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold delimiters, quotes and line breaks). */
export function parseCsvRows(text: string, delimiter: string, maxRows = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') { quoted = true; quoteLine = line; }
    else if (ch === delimiter) { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      line++;
    } else cell += ch;
  }
  if (quoted) throw new CrosswalkError('INFER_BAD_CSV', 'A quoted CSV cell is not closed before the end of the text.', { line: quoteLine });
  if (rows.length < maxRows && (cell !== '' || row.length > 0)) { row.push(cell); rows.push(row); }
  return rows;
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

function cellType(value: string): string | undefined {
  if (value === '') return undefined;
  if (NUMBER.test(value)) return 'number';
  if (value === 'true' || value === 'false') return 'boolean';
  return stringType(value);
}

/** The schema of a CSV file from its header line; sample rows below it, if any, give the column types. */
export function inferCsvSchema(text: string, options: { delimiter?: string; name?: string; sampleRows?: number; headerRow?: number } = {}): SchemaNode {
  const delimiter = options.delimiter ?? detectDelimiter(text.slice(0, text.search(/\r|\n|$/)));
  const headerRow = options.headerRow ?? 1;
  const rows = parseCsvRows(text, delimiter, headerRow + (options.sampleRows ?? 100)).slice(headerRow - 1);
  const header = rows[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw new CrosswalkError('INFER_BAD_CSV', `The CSV sample has no header on line ${headerRow}.`, { line: headerRow });
  }
  // Real files repeat names (the v2-to-FHIR IG tables have two "Code" columns): number the repeats.
  const counts = new Map<string, number>();
  const names = header.map((cell, i) => {
    const name = cell.trim() || `column ${i + 1}`;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    return count > 1 ? `${name} (${count})` : name;
  });
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
