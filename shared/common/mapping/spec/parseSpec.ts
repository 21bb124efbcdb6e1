import type { z } from 'zod';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { assertNoForbiddenKeys } from '../../safety/forbiddenKeys';
import { mappingSpecSchema, type MappingSpec } from './MappingSpec';
import { migrateSpec } from './migrations';
import { checkSpecReferences } from './checkSpecReferences';
import { upgradeSpecValueMaps } from '../../valuemaps/upgradeValueMapJson';

/**
 * Turns untrusted JSON (a file, an IPC payload) into a valid current-format spec: refuses
 * dangerous keys, migrates older formats, validates the schema and the references between ids.
 * Every refusal is one CrosswalkError naming the path of the first problem.
 */
export function parseSpec(json: unknown, where = 'mapping'): MappingSpec {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CrosswalkError('SPEC_INVALID', 'A mapping spec must be a JSON object.', { path: where });
  }
  assertNoForbiddenKeys(json, where);
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateSpec(json as Record<string, unknown>);
  } catch (error) {
    if (error instanceof CrosswalkError) throw error.at({ path: `${where}.format` });
    throw error;
  }
  // Within format 2: value maps of the shape before row review (upgradeValueMapJson.ts).
  const result = mappingSpecSchema.safeParse(upgradeSpecValueMaps(migrated));
  if (!result.success) throw zodToCrosswalk(result.error, where, 'SPEC_INVALID', 'The mapping spec');
  checkSpecReferences(result.data, where);
  return result.data;
}

/** `nodes[2].functionId` from zod's path array. */
export function formatIssuePath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One sentence for the first issue; the count of the others so nothing is hidden. */
export function zodToCrosswalk(error: z.ZodError, where: string, code: string, subject: string): CrosswalkError {
  const first = error.issues[0];
  const path = formatIssuePath(where, first.path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  const detail = first.message.replace(/\.$/, '');
  return new CrosswalkError(code, `${subject} is invalid at ${path}: ${detail}${more}.`, { path });
}
