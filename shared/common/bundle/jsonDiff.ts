/** One difference between an expected and an actual JSON value; `undefined` means absent. */
export interface JsonDifference {
  /** `entry[0].resource.gender`; empty for the whole document. */
  path: string;
  expected: unknown;
  actual: unknown;
}

import { Decimal } from '../json/Decimal';
import { writeJson } from '../json/writeJson';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Decimal);

/** A value as JSON carries it: NaN and ±Infinity are written null, -0 is 0. */
function asJson(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** An array item as JSON carries it: a hole or undefined inside the array is null; past the end, absent. */
function itemOf(list: readonly unknown[], i: number): unknown {
  if (i >= list.length) return undefined;
  return list[i] === undefined ? null : list[i];
}

/** The members JSON would write, in the order canonicalJson writes them (sorted), own keys only. */
function membersOf(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined);
}

/**
 * The differences between two JSON values, deepest first-differing paths only: what a test
 * failure shows so a reader sees at once which element changed. Values are compared as JSON
 * (their canonical text), whatever object they are held in: key order never matters and keys are
 * visited sorted, so the same two documents give the same list however either was built; a
 * member set to undefined is absent; NaN and ±Infinity are null and -0 is 0, as JSON.stringify
 * writes them. Numbers compare as the text JSON holds them: a Decimal (`1.50`) equals only a
 * Decimal of the same text, never the number 1.5, since FHIR counts a decimal's precision. So the
 * studio (comparing the worker's output as it arrived) and `crosswalk test` (comparing the output
 * as the runtime writes it) report the same differences.
 */
export function jsonDiff(expected: unknown, actual: unknown, path = '', out: JsonDifference[] = []): JsonDifference[] {
  const e = asJson(expected);
  const a = asJson(actual);
  if (Array.isArray(e) && Array.isArray(a)) {
    const n = Math.max(e.length, a.length);
    for (let i = 0; i < n; i++) jsonDiff(itemOf(e, i), itemOf(a, i), `${path}[${i}]`, out);
    return out;
  }
  if (isObject(e) && isObject(a)) {
    const keys = [...new Set([...membersOf(e), ...membersOf(a)])].sort();
    for (const key of keys) {
      const inE = Object.hasOwn(e, key) ? e[key] : undefined;
      const inA = Object.hasOwn(a, key) ? a[key] : undefined;
      jsonDiff(inE, inA, path === '' ? key : `${path}.${key}`, out);
    }
    return out;
  }
  if (e === a || (e instanceof Decimal && a instanceof Decimal && e.text === a.text)) return out;
  out.push({ path, expected: e, actual: a });
  return out;
}

/** `"male"`, `absent`, or compact JSON shortened for a terminal line. */
export function showJson(value: unknown, max = 120): string {
  if (value === undefined) return 'absent';
  const text = writeJson(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
