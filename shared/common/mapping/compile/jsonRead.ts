import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { Decimal } from '../../json/Decimal';
import { childPath, formatJsonPath, parseJsonPath, type JsonStep } from '../../json/jsonPath';
import type { JsonInput } from '../input/MappingInput';
import type { TraceSource } from '../trace/TraceEntry';
import type { ContextScope } from './ContextScope';
import type { Evaluate, Frame, JsonItem } from './Frame';
import type { ReadMode } from './sourceRead';

/**
 * Reading JSON inputs (JSON documents, CSV rows and files), compiled once per path like the HL7
 * v2 readers beside it. A key step into an array steps into every item of it, and a path ending
 * at an array names its items, so `$.readings.systolic` is every reading's systolic, as the
 * schema tree shows it; `[n]` picks one item (0-based). Only own members are read (a key named
 * `constructor` finds nothing on an object that lacks it); null is absent.
 */

/** The steps of a source path of a JSON map; MAP_BAD_SOURCE_PATH names the column where it breaks. */
export function parseJsonSourcePath(text: string, where: ErrorLocation): JsonStep[] {
  try {
    return parseJsonPath(text);
  } catch (error) {
    if (error instanceof CrosswalkError) throw new CrosswalkError('MAP_BAD_SOURCE_PATH', error.message, { ...where, path: text });
    throw error;
  }
}

/** Whether `prefix` is the start of `steps` (the same keys and indexes). */
export function startsWithSteps(steps: readonly JsonStep[], prefix: readonly JsonStep[]): boolean {
  if (prefix.length > steps.length) return false;
  for (let i = 0; i < prefix.length; i++) if (steps[i].key !== prefix[i].key || steps[i].index !== prefix[i].index) return false;
  return true;
}

/**
 * The innermost JSON context whose path starts the given one: its current item is where the rest
 * is read from. A path that names an item of the context's array (`$.readings[1].unit` inside a
 * context over `$.readings`) reads that item, not the current one.
 */
export function jsonScopeOf(scopes: readonly ContextScope[], steps: readonly JsonStep[]): ContextScope | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const json = scopes[i].json;
    if (json !== undefined && startsWithSteps(steps, json) && steps[json.length]?.index === undefined) return scopes[i];
  }
  return undefined;
}

/** A member of a JSON object (a Decimal is a number: it has no members). */
const own = (o: object, key: string): boolean => !(o instanceof Decimal) && Object.prototype.hasOwnProperty.call(o, key);

/** The first value the steps select below `value` (depth first, arrays in order), without building paths: the hot read. */
function firstValue(value: unknown, steps: readonly JsonStep[], from: number): unknown {
  let v = value;
  for (let i = from; ;) {
    const step = i < steps.length ? steps[i] : undefined;
    if (step !== undefined && step.index !== undefined) {
      if (!Array.isArray(v)) return undefined;
      v = v[step.index];
      i++;
      continue;
    }
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const found = firstValue(v[k], steps, i);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (step === undefined) return v === null ? undefined : v;
    if (typeof v !== 'object' || v === null || !own(v, step.key as string)) return undefined;
    v = (v as Record<string, unknown>)[step.key as string];
    i++;
  }
}

/** Every value the steps select below `value`, in order, with its concrete path when `paths` is given; at most `limit`. */
function collect(value: unknown, steps: readonly JsonStep[], i: number, path: string, values: unknown[], paths: string[] | undefined, limit: number): void {
  if (values.length >= limit) return;
  const step = i < steps.length ? steps[i] : undefined;
  if (step !== undefined && step.index !== undefined) {
    if (Array.isArray(value) && step.index < value.length) collect(value[step.index], steps, i + 1, paths ? `${path}[${step.index}]` : path, values, paths, limit);
    return;
  }
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length && values.length < limit; k++) collect(value[k], steps, i, paths ? `${path}[${k}]` : path, values, paths, limit);
    return;
  }
  if (step === undefined) {
    if (value === null || value === undefined) return;
    values.push(value);
    paths?.push(path);
    return;
  }
  const key = step.key as string;
  if (typeof value !== 'object' || value === null || !own(value, key)) return;
  collect((value as Record<string, unknown>)[key], steps, i + 1, paths ? childPath(path, key) : path, values, paths, limit);
}

/**
 * The trace source of a value read at a concrete path: for a CSV input also the row (the line it
 * starts on) and the column's number, as a spreadsheet shows them.
 */
export function jsonTraceSource(input: JsonInput | undefined, path: string, value: unknown): TraceSource {
  const csv = input?.csv;
  if (!csv) return { path, value };
  const steps = parseJsonPath(path);
  const rowIndex = csv.file ? steps[0]?.index : 0;
  const column = steps.find((step) => step.key !== undefined)?.key;
  const row = rowIndex === undefined ? undefined : csv.rows[rowIndex];
  const number = column === undefined ? undefined : csv.columns.get(column);
  return { path, value, ...(row !== undefined ? { row } : {}), ...(number !== undefined ? { column: number } : {}) };
}

/**
 * Compiles a JSON source path into a reader: relative to the current item of the innermost JSON
 * context whose path starts it (`$.readings.systolic` inside a context over `$.readings` reads the
 * current reading's), else from the whole input. `leaf` and `composite` give the first value
 * (an object stays an object), `many` every value.
 */
export function compileJsonRead(text: string, scopes: readonly ContextScope[], mode: ReadMode, where: ErrorLocation, linkId?: string): Evaluate {
  const steps = parseJsonSourcePath(text, where);
  const scope = jsonScopeOf(scopes, steps);
  const from = scope ? (scope.json as readonly JsonStep[]).length : 0;
  const depth = scope ? scope.depth : -1;
  const many = mode === 'many';
  const start = (frame: Frame): { value: unknown; path: string } => {
    if (depth >= 0) return frame.items[depth] as JsonItem;
    return { value: frame.json?.value, path: '$' };
  };
  if (!many) {
    return (frame, prov) => {
      if (prov === undefined) return firstValue(depth >= 0 ? (frame.items[depth] as JsonItem).value : frame.json?.value, steps, from);
      if (linkId !== undefined) prov.links.push(linkId);
      const base = start(frame);
      const values: unknown[] = [];
      const paths: string[] = [];
      collect(base.value, steps, from, base.path, values, paths, 1);
      if (values.length === 0) return undefined;
      prov.sources.push(jsonTraceSource(frame.json, paths[0], values[0]));
      return values[0];
    };
  }
  return (frame, prov) => {
    if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
    const base = start(frame);
    const values: unknown[] = [];
    const paths = prov ? [] as string[] : undefined;
    collect(base.value, steps, from, base.path, values, paths, Number.POSITIVE_INFINITY);
    if (prov && paths) for (let i = 0; i < values.length; i++) prov.sources.push(jsonTraceSource(frame.json, paths[i], values[i]));
    return values;
  };
}

/** The items a JSON context iterates: every value its path selects, relative to the current item of an enclosing context over a prefix. */
export function compileJsonList(steps: readonly JsonStep[], scopes: readonly ContextScope[]): (frame: Frame) => JsonItem[] {
  const scope = jsonScopeOf(scopes, steps);
  const from = scope ? (scope.json as readonly JsonStep[]).length : 0;
  const depth = scope ? scope.depth : -1;
  return (frame) => {
    const base = depth >= 0 ? frame.items[depth] as JsonItem : { value: frame.json?.value, path: '$' };
    const values: unknown[] = [];
    const paths: string[] = [];
    collect(base.value, steps, from, base.path, values, paths, Number.POSITIVE_INFINITY);
    const out: JsonItem[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = { value: values[i], path: paths[i] };
    return out;
  };
}

/** A JSON path of a called map read where it is called: `$` is the item given, `$.x` is under it. */
export function jsonRewrite(given: string): (path: string) => string {
  return (path) => (path.charCodeAt(0) === 36 ? given + path.slice(1) : path);
}

export { formatJsonPath };
