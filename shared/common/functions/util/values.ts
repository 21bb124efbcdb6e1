import { isForbiddenKey } from '../../safety/forbiddenKeys';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { Decimal } from '../../json/Decimal';
import { component } from './components';

/** A single text value from an input: numbers become their text (a Decimal its own), a v2 composite gives component 1. */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Decimal) return value.text;
  return component(value, 1);
}

/** Whether a value counts as present: not undefined, null, '' or an empty list. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  return true;
}

/** A list input: a single value is a list of one, absent is empty. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function stringParam(params: Record<string, unknown>, name: string, fallback: string): string {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new CrosswalkError('FUNCTION_BAD_PARAM', `The parameter "${name}" must be text.`, { path: name });
  return value;
}

export function numberParam(params: Record<string, unknown>, name: string, fallback: number | undefined): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new CrosswalkError('FUNCTION_BAD_PARAM', `The parameter "${name}" must be a number.`, { path: name });
  return n;
}

export function integerParam(params: Record<string, unknown>, name: string, fallback: number, min = 0): number {
  const n = numberParam(params, name, fallback) as number;
  if (!Number.isInteger(n) || n < min) throw new CrosswalkError('FUNCTION_BAD_PARAM', `The parameter "${name}" must be a whole number of at least ${min}.`, { path: name });
  return n;
}

export function enumParam<T extends string>(params: Record<string, unknown>, name: string, options: readonly T[], fallback: T): T {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new CrosswalkError('FUNCTION_BAD_PARAM', `The parameter "${name}" must be one of ${options.join(', ')}.`, { path: name });
  }
  return value as T;
}

/**
 * Builds an output object without undefined members and without keys that could reach a
 * prototype: every function result goes through here or is a plain literal.
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  // for-in over a literal: the hot data type functions call this per repetition.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (isForbiddenKey(key)) continue;
    out[key] = v;
  }
  return out as T;
}

/** undefined for an object with no members left. */
export function nonEmpty<T extends object>(value: T): T | undefined {
  const out = compact(value);
  for (const _key in out) return out;
  return undefined;
}
