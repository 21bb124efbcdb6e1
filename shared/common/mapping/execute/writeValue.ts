import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { isForbiddenKey } from '../../safety/forbiddenKeys';
import { Decimal, jsonNumber } from '../../json/Decimal';
import { parseHl7Decimal } from '../../functions/number/parseHl7Number';
import type { TargetStep } from '../compile/targetPath';

type JsonObject = Record<string, unknown>;

/** A JSON object (a Decimal is a number, not an object). */
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Decimal);

/** Whether a value counts as absent: FHIR has no empty strings, nulls or empty arrays. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}


/**
 * A deep copy of JSON-like data that drops absent members, empty objects and forbidden keys:
 * what a function or constant produced is never shared between outputs, and never carries
 * `__proto__` along. Returns undefined for nothing left.
 */
export function cleanCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Decimal) {
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    return value === '' ? undefined : value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const copy = cleanCopy(value[i]);
      if (copy !== undefined && copy !== null && !(Array.isArray(copy) && copy.length === 0)) out.push(copy);
    }
    return out.length === 0 ? undefined : out;
  }
  let out: JsonObject | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key) || isForbiddenKey(key)) continue;
    const copy = cleanCopy((value as JsonObject)[key]);
    if (copy === undefined || copy === null) continue;
    (out ??= {})[key] = copy;
  }
  return out;
}

/** A number as text, with an optional exponent; no two quantifiers can share a digit (linear on any text). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text linked straight into a number element: a decimal keeps the precision written (`1.50`, as
 * number.parse does); an integer is the number (`007` → 7). Undefined when it is not a number.
 */
function numberFromText(text: string, type: string): number | Decimal | undefined {
  if (!DECIMAL.test(text)) return undefined;
  if (type !== 'decimal') return Number(text);
  const e = text.search(/[eE]/);
  if (e === -1) return parseHl7Decimal(text);
  // An exponent (which HL7 NM has not, but text from elsewhere may): the mantissa as NM, the exponent as written.
  return jsonNumber(`${String(parseHl7Decimal(text.slice(0, e)))}${text.slice(e)}`);
}

/** What kind of value it was, never the value itself: error sentences end up in logs, values may be patient data. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return 'text';
  if (value instanceof Decimal) return 'a number';
  return `a ${typeof value}`;
}

/** A value shaped for the element the last step names, or an error that names the element. */
function coerce(value: unknown, step: TargetStep, where: ErrorLocation): unknown {
  if (step.primitive === undefined) {
    if (!isObject(value)) {
      throw new CrosswalkError('MAP_TYPE', `${step.specPath} is a ${step.type}, so it needs an object, but its link gave ${describe(value)}.`, { ...where, path: step.specPath });
    }
    return value;
  }
  switch (step.primitive) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Decimal) return String(value);
      break;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      // A decimal keeps the text it came with (`120.0` from a JSON source); an integer is the number (`66.0` → 66).
      if (value instanceof Decimal) return step.type === 'decimal' ? value : value.valueOf();
      if (typeof value === 'string') {
        const n = numberFromText(value.trim(), step.type);
        if (n !== undefined) return n;
      }
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
  }
  throw new CrosswalkError('MAP_TYPE', `${step.specPath} is a ${step.type}, but its link gave ${describe(value)}.`, { ...where, path: step.specPath });
}

/**
 * Merges b into a, copying as it goes (one pass: members of b win, arrays append, objects
 * merge; absent members, empty objects and forbidden keys of b are dropped). a is output the
 * engine owns; b may be anything a function or constant produced.
 */
function mergeClean(a: JsonObject, b: JsonObject): void {
  for (const key in b) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || isForbiddenKey(key)) continue;
    const incoming = b[key];
    const current = a[key];
    if (isObject(current) && isObject(incoming)) {
      mergeClean(current, incoming);
      continue;
    }
    const copy = cleanCopy(incoming);
    if (copy === undefined || copy === null) continue;
    if (Array.isArray(current) && Array.isArray(copy)) {
      for (let i = 0; i < copy.length; i++) current.push(copy[i]);
    } else a[key] = copy;
  }
}

/**
 * Merges an object the engine itself built for this message (what a map call writes: shared with
 * no other output, nothing absent or forbidden in it) into a: members of b win, arrays append,
 * objects merge, and nothing is copied, unlike a function's or a constant's output.
 */
function mergeFresh(a: JsonObject, b: JsonObject): void {
  for (const key in b) {
    const incoming = b[key];
    const current = a[key];
    if (isObject(current) && isObject(incoming)) mergeFresh(current, incoming);
    else if (Array.isArray(current) && Array.isArray(incoming)) for (let i = 0; i < incoming.length; i++) current.push(incoming[i]);
    else a[key] = incoming;
  }
}

/** Merges an object written onto a whole item into it (copied clean unless the engine built it). */
function mergeOnto(base: JsonObject, value: unknown, where: ErrorLocation, adopt: boolean): void {
  const object = wholeItemObject(value, where);
  if (adopt) mergeFresh(base, object);
  else mergeClean(base, object);
}

function wholeItemObject(value: unknown, where: ErrorLocation): JsonObject {
  if (!isObject(value)) {
    throw new CrosswalkError('MAP_TYPE', `A value written onto a whole item must be an object, but its link gave ${describe(value)}.`, where);
  }
  return value;
}

/** Appends one item of a repeating element, shaped for it (objects copied clean unless the engine built them). */
function pushItem(list: unknown[], item: unknown, step: TargetStep, where: ErrorLocation, adopt: boolean): void {
  if (isAbsent(item)) return;
  const coerced = coerce(item, step, where);
  const value = step.primitive === undefined && !adopt ? cleanCopy(coerced) : coerced;
  if (!isAbsent(value)) list.push(value);
}

/** Walks to the object that holds step `end`, creating intermediates (the first item of a repeating one). */
export function descend(base: JsonObject, steps: readonly TargetStep[], end: number, path: string[] | undefined, where: ErrorLocation): JsonObject {
  let obj = base;
  for (let i = 0; i < end; i++) {
    const step = steps[i];
    const key = step.key;
    let next = obj[key];
    if (step.repeating) {
      if (next === undefined) obj[key] = next = [];
      const list = next as unknown[];
      if (list.length === 0) list.push({});
      next = list[0];
      if (path) path.push(`${key}[0]`);
    } else {
      if (next === undefined) obj[key] = next = {};
      if (path) path.push(key);
    }
    if (!isObject(next)) {
      throw new CrosswalkError('MAP_TYPE', `${step.specPath} already holds a value, so nothing can be written inside it.`, { ...where, path: step.specPath });
    }
    obj = next;
  }
  return obj;
}

/**
 * Writes a value at a resolved target path below base. An element that repeats gets the value
 * appended (each item of a list); a single element is set (objects merged into an existing
 * one); elements on the way are created, repeating ones as their first item. Returns the output
 * location relative to base when `trace` is set (`name[0].family`), for the trace. `adopt`: the
 * value is a map call's output, built by the engine for this write, so its objects are placed as
 * they are rather than copied.
 */
export function writeValue(base: JsonObject, steps: readonly TargetStep[], value: unknown, where: ErrorLocation, trace: boolean, itemPaths?: string[], adopt = false): string | undefined {
  const path = trace ? [] as string[] : undefined;
  if (steps.length === 0) {
    // The context item (or resource) itself: an object merges into it; a list (a map call on a
    // repeating segment, NK1 → Patient.contact) merges each of its objects in order.
    if (!Array.isArray(value)) {
      // One object (a segment map's output, the usual case): no list made for it.
      mergeOnto(base, value, where, adopt);
      itemPaths?.push('');
      return '';
    }
    const objects = value.filter((v) => !isAbsent(v));
    if (objects.length === 0) return undefined;
    // All checked before any is merged: a list with a stray value writes nothing.
    for (const single of objects) wholeItemObject(single, where);
    for (const single of objects) mergeOnto(base, single, where, adopt);
    itemPaths?.push('');
    return '';
  }
  const last = steps[steps.length - 1];
  const holder = descend(base, steps, steps.length - 1, path, where);
  if (last.repeating) {
    let list = holder[last.key] as unknown[] | undefined;
    if (list === undefined) holder[last.key] = list = [];
    const first = list.length;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) pushItem(list, value[i], last, where, adopt);
    } else pushItem(list, value, last, where, adopt);
    if (list.length === 0) delete holder[last.key];
    if (path) {
      if (itemPaths) for (let i = first; i < list.length; i++) itemPaths.push([...path, `${last.key}[${i}]`].join('.'));
      path.push(list.length - first > 1 ? `${last.key}[${first}..${list.length - 1}]` : `${last.key}[${first}]`);
    }
  } else {
    let single = value;
    if (Array.isArray(value)) {
      const present = value.filter((v) => !isAbsent(v));
      if (present.length > 1) {
        throw new CrosswalkError('MAP_MANY_VALUES', `${last.specPath} holds one value, but its link gave ${present.length}.`, { ...where, path: last.specPath });
      }
      if (present.length === 0) return undefined;
      single = present[0];
    }
    const coerced = coerce(single, last, where);
    if (isAbsent(coerced)) return undefined;
    // A primitive replaces what is there: no read of the current member (a keyed load on every leaf written).
    const current = last.primitive === undefined ? holder[last.key] : undefined;
    if (last.primitive !== undefined) holder[last.key] = coerced;
    else if (adopt) {
      if (isObject(current)) mergeFresh(current, coerced as JsonObject);
      else holder[last.key] = coerced;
    } else if (isObject(current)) mergeClean(current, coerced as JsonObject);
    else {
      const copy = cleanCopy(coerced);
      if (copy === undefined) return undefined;
      holder[last.key] = copy;
    }
    if (path) {
      path.push(last.key);
      itemPaths?.push(path.join('.'));
    }
  }
  return path ? path.join('.') : undefined;
}

/**
 * Appends a finished context item to the repeating element the steps name (creating the way
 * there), returning its location relative to base (`identifier[1]`) when tracing.
 */
export function appendItem(base: JsonObject, steps: readonly TargetStep[], item: JsonObject, where: ErrorLocation, trace: boolean): string | undefined {
  const path = trace ? [] as string[] : undefined;
  const last = steps[steps.length - 1];
  const holder = descend(base, steps, steps.length - 1, path, where);
  let list = holder[last.key] as unknown[] | undefined;
  if (list === undefined) holder[last.key] = list = [];
  if (!Array.isArray(list)) {
    throw new CrosswalkError('MAP_TYPE', `${last.specPath} does not repeat, so a context cannot add items to it.`, { ...where, path: last.specPath });
  }
  list.push(item);
  if (path) path.push(`${last.key}[${list.length - 1}]`);
  return path ? path.join('.') : undefined;
}
