import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { parseJson } from '../json/parseJson';
import { MAPPING_FORMAT, MAPPING_FORMAT_NAME, MAPPING_FORMAT_VERSION } from '../mapping/spec/formatVersion';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { parseSpec, zodToCrosswalk } from '../mapping/spec/parseSpec';
import { specFormatVersion } from '../mapping/spec/migrations';
import { assertNoForbiddenKeys } from '../safety/forbiddenKeys';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_V1, bundleFileSchema, bundleFileV1Schema, type BundleFile, type BundleTestCase } from './BundleFile';
import { bundleHash, bundleHashV1 } from './bundleHash';
import type { BundleContent } from './createBundle';
import { testInputLines, testInputText } from './testInput';

export interface LoadedBundle {
  /** The bundle in the current file format (a format-1 file is migrated in memory, not rewritten). */
  bundle: BundleFile;
  /** The mapping, migrated to the current format and validated, with its layout. */
  spec: MappingSpec;
  /** What the studio edits: metadata, the mapping with its layout, test inputs as message text. */
  content: BundleContent & { tests: BundleTestCase[] };
  /** Set when the file was an older bundle format. */
  migratedFrom?: string;
  /** False only when read with `verifyHash: false` and the content no longer matches its hash. */
  hashMatches: boolean;
}

export interface ReadBundleOptions {
  /**
   * Refuse a bundle whose content does not match its hash (the default). `crosswalk show` reads
   * hand-edited files too (a git diff of work in progress) and says so instead.
   */
  verifyHash?: boolean;
}

/**
 * Reads a bundle file's text and refuses, with one CrosswalkError sentence, anything the runtime
 * must not run: text that is not JSON, an unknown bundle format, a newer mapping format, a hash
 * that does not match the content (tampered or hand-edited), or an invalid mapping. Decimals keep
 * their text (parseJson), so expected outputs compare and hash exactly as written. The one reader
 * of bundles: the runtime, the studio's host and its renderer all call it (or readBundleJson).
 */
export function loadBundle(text: string, file?: string, options: ReadBundleOptions = {}): LoadedBundle {
  const where = file === undefined ? {} : { file };
  let json: unknown;
  try {
    json = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new CrosswalkError('BUNDLE_NOT_JSON', 'The bundle file is not valid JSON.', where);
  }
  return readBundleJson(json, file, options);
}

/** loadBundle for JSON already parsed (the studio receives bundles as JSON). */
export function readBundleJson(json: unknown, file?: string, options: ReadBundleOptions = {}): LoadedBundle {
  const where: ErrorLocation = file === undefined ? {} : { file };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CrosswalkError('BUNDLE_INVALID', 'The bundle file must hold a JSON object.', where);
  }
  const raw = json as Record<string, unknown>;
  if (raw.format !== BUNDLE_FORMAT && raw.format !== BUNDLE_FORMAT_V1) {
    const shown = typeof raw.format === 'string' ? `"${raw.format.slice(0, 60)}"` : 'missing';
    throw new CrosswalkError('BUNDLE_UNKNOWN_FORMAT', `The bundle format is ${shown}; this engine reads ${BUNDLE_FORMAT} (and ${BUNDLE_FORMAT_V1}).`, { ...where, path: 'format' });
  }
  try {
    assertNoForbiddenKeys(raw, '', 'BUNDLE_FORBIDDEN_KEY');
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at(where) : error;
  }
  const verify = options.verifyHash !== false;
  return raw.format === BUNDLE_FORMAT_V1 ? readV1(raw, where, verify) : readV2(raw, where, verify);
}

function checkEngine(needed: string, where: ErrorLocation): void {
  let neededVersion: number;
  try {
    neededVersion = specFormatVersion({ format: needed });
  } catch {
    throw new CrosswalkError('BUNDLE_UNKNOWN_FORMAT', `The bundle needs the mapping format "${needed.slice(0, 60)}", which this engine does not know.`, { ...where, path: 'engine.mappingFormat' });
  }
  if (neededVersion > MAPPING_FORMAT_VERSION) {
    throw new CrosswalkError('BUNDLE_ENGINE_TOO_OLD', `The bundle needs mapping format ${needed}, newer than this engine's ${MAPPING_FORMAT_NAME}/${MAPPING_FORMAT_VERSION}; update Crosswalk to run it.`, { ...where, path: 'engine.mappingFormat' });
  }
}

function hashMismatch(where: ErrorLocation): CrosswalkError {
  return new CrosswalkError('BUNDLE_HASH_MISMATCH', 'The bundle content does not match its hash, so it was changed after export; export it again from the studio.', { ...where, path: 'hash' });
}

function specOf(mapping: Record<string, unknown>, where: ErrorLocation): MappingSpec {
  try {
    return parseSpec(mapping, 'mapping');
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at(where) : error;
  }
}

function readV2(raw: Record<string, unknown>, where: ErrorLocation, verify: boolean): LoadedBundle {
  const parsed = bundleFileSchema.safeParse(raw);
  if (!parsed.success) throw zodToCrosswalk(parsed.error, '', 'BUNDLE_INVALID', 'The bundle').at(where);
  const bundle = parsed.data;
  checkEngine(bundle.engine.mappingFormat, where);
  const hashMatches = bundleHash(raw) === bundle.hash;
  if (!hashMatches && verify) throw hashMismatch(where);
  if ('layout' in bundle.mapping) {
    throw new CrosswalkError('BUNDLE_INVALID', `In ${BUNDLE_FORMAT} the layout is kept in the bundle's own "layout", outside the hash, not in the mapping.`, { ...where, path: 'mapping.layout' });
  }
  const spec = specOf(bundle.layout === undefined ? bundle.mapping : { ...bundle.mapping, layout: bundle.layout }, where);
  const tests = bundle.tests.map((t) => ({ ...t, input: testInputText(t.input) }) as BundleTestCase);
  return { bundle, spec, content: { metadata: bundle.metadata, mapping: spec, tests }, hashMatches };
}

/**
 * A format-1 bundle: verified by its own hash rule, then read as format 2 (its one flat graph
 * becomes a message map, its layout leaves the hash, test inputs become segment lines). Nothing is
 * written back; saving from the studio writes format 2.
 */
function readV1(raw: Record<string, unknown>, where: ErrorLocation, verify: boolean): LoadedBundle {
  const parsed = bundleFileV1Schema.safeParse(raw);
  if (!parsed.success) throw zodToCrosswalk(parsed.error, '', 'BUNDLE_INVALID', 'The bundle').at(where);
  const v1 = parsed.data;
  checkEngine(v1.engine.mappingFormat, where);
  const hashMatches = bundleHashV1(raw) === v1.hash;
  if (!hashMatches && verify) throw hashMismatch(where);
  const spec = specOf(v1.mapping, where);
  const { layout, ...mapping } = spec;
  const unsealed: Omit<BundleFile, 'hash'> = {
    format: BUNDLE_FORMAT,
    metadata: v1.metadata,
    engine: { mappingFormat: MAPPING_FORMAT },
    mapping: mapping as unknown as Record<string, unknown>,
    tests: v1.tests.map((t) => ({ ...t, input: testInputLines(t.input) })),
    ...(layout ? { layout: layout as unknown as Record<string, unknown> } : {}),
  };
  const bundle = { ...unsealed, hash: bundleHash(unsealed) } as BundleFile;
  return { bundle, spec, content: { metadata: v1.metadata, mapping: spec, tests: v1.tests }, migratedFrom: BUNDLE_FORMAT_V1, hashMatches };
}
