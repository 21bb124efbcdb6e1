import { CrosswalkError } from '../errors/CrosswalkError';
import { MAPPING_FORMAT_NAME, MAPPING_FORMAT_VERSION } from '../mapping/spec/formatVersion';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { parseSpec, zodToCrosswalk } from '../mapping/spec/parseSpec';
import { specFormatVersion } from '../mapping/spec/migrations';
import { assertNoForbiddenKeys } from '../mapping/safety/forbiddenKeys';
import { BUNDLE_FORMAT, bundleFileSchema, type BundleFile } from './BundleFile';
import { bundleHash } from './bundleHash';

export interface LoadedBundle {
  bundle: BundleFile;
  /** The mapping, migrated to the current format and validated. */
  spec: MappingSpec;
}

/**
 * Reads a bundle file's text and refuses, with one CrosswalkError sentence, anything the runtime
 * must not run: text that is not JSON, an unknown bundle format, a newer mapping format, a hash
 * that does not match the content (tampered or hand-edited), or an invalid mapping.
 */
export function loadBundle(text: string, file?: string): LoadedBundle {
  const where = file === undefined ? {} : { file };
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new CrosswalkError('BUNDLE_NOT_JSON', 'The bundle file is not valid JSON.', where);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CrosswalkError('BUNDLE_INVALID', 'The bundle file must hold a JSON object.', where);
  }
  const raw = json as Record<string, unknown>;
  if (raw.format !== BUNDLE_FORMAT) {
    const shown = typeof raw.format === 'string' ? `"${raw.format.slice(0, 60)}"` : 'missing';
    throw new CrosswalkError('BUNDLE_UNKNOWN_FORMAT', `The bundle format is ${shown}; this engine reads ${BUNDLE_FORMAT}.`, { ...where, path: 'format' });
  }
  try {
    assertNoForbiddenKeys(raw, '', 'BUNDLE_FORBIDDEN_KEY');
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at(where) : error;
  }
  const parsed = bundleFileSchema.safeParse(raw);
  if (!parsed.success) throw zodToCrosswalk(parsed.error, '', 'BUNDLE_INVALID', 'The bundle').at(where);
  const bundle = parsed.data;

  const needed = bundle.engine.mappingFormat;
  let neededVersion: number;
  try {
    neededVersion = specFormatVersion({ format: needed });
  } catch {
    throw new CrosswalkError('BUNDLE_UNKNOWN_FORMAT', `The bundle needs the mapping format "${needed.slice(0, 60)}", which this engine does not know.`, { ...where, path: 'engine.mappingFormat' });
  }
  if (neededVersion > MAPPING_FORMAT_VERSION) {
    throw new CrosswalkError('BUNDLE_ENGINE_TOO_OLD', `The bundle needs mapping format ${needed}, newer than this engine's ${MAPPING_FORMAT_NAME}/${MAPPING_FORMAT_VERSION}; update Crosswalk to run it.`, { ...where, path: 'engine.mappingFormat' });
  }

  const actual = bundleHash(raw);
  if (actual !== bundle.hash) {
    throw new CrosswalkError('BUNDLE_HASH_MISMATCH', 'The bundle content does not match its hash, so it was changed after export; export it again from the studio.', { ...where, path: 'hash' });
  }

  let spec: MappingSpec;
  try {
    spec = parseSpec(bundle.mapping, 'mapping');
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at(where) : error;
  }
  return { bundle, spec };
}
