import type { z } from 'zod';
import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { upgradeValueMapJson } from './upgradeValueMapJson';
import { valueMapSchema, type ValueMap } from './ValueMap';

/** `entries[2].source` from a zod issue path, as the studio and error messages show it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The first schema problem as a CrosswalkError naming the element. */
export function zodIssueToError(code: string, error: z.ZodError, subject: string, where: ErrorLocation = {}): CrosswalkError {
  const issue = error.issues[0];
  const path = formatIssuePath(issue.path);
  const place = where.path !== undefined ? (path ? `${where.path}.${path}` : where.path) : path;
  return new CrosswalkError(code, `${subject} is invalid at ${path || 'its root'}: ${issue.message}`, { ...where, path: place || undefined });
}

/** Validates unknown data (from a spec, a bundle or the studio) as a ValueMap; an older shape is upgraded first. */
export function parseValueMap(data: unknown, where: ErrorLocation = {}): ValueMap {
  const result = valueMapSchema.safeParse(upgradeValueMapJson(data));
  if (!result.success) throw zodIssueToError('VALUEMAP_INVALID', result.error, 'The value map', where);
  return result.data;
}
