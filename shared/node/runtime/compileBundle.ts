import { CrosswalkError } from '../../common/errors/CrosswalkError';
import { loadBundle, type LoadedBundle } from '../../common/bundle/loadBundle';
import type { BundleFile } from '../../common/bundle/BundleFile';
import { compileWithCatalog, type CompiledMapping } from '../../common/mapping/compile/compileWithCatalog';
import { assertApproved } from '../../common/review/requireApproved';
import { reviewPolicyOf } from '../../common/review/reviewPolicy';
import type { SchemaCatalog } from '../../common/schema/SchemaCatalog';
import { nodeSchemaCatalog } from '../schema';
import { bundleByteLimit } from '../studio/files/byteLimits';
import { readFileBounded } from '../studio/files/readFileBounded';

export interface CompiledBundle extends CompiledMapping {
  bundle: BundleFile;
  /** The bundle file's text, so workers can load the same bytes. */
  text: string;
  file?: string;
}

/**
 * A bundle file's text; a missing or unreadable file is a BUNDLE_READ error naming it. Only a
 * regular file of at most CROSSWALK_MAX_BUNDLE_BYTES (64 MiB) is read: `crosswalk run /dev/zero`
 * is IO_NOT_REGULAR_FILE, not a process that grows until the system kills it.
 */
export async function readBundleText(path: string): Promise<string> {
  try {
    return (await readFileBounded(path, bundleByteLimit())).toString('utf8');
  } catch (error) {
    if (error instanceof CrosswalkError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : `it could not be read (${code ?? 'unknown error'})`;
    throw new CrosswalkError('BUNDLE_READ', `The bundle cannot be opened: ${why}.`, { file: path });
  }
}

/** Reads and verifies a bundle file; a missing or unreadable file is a BUNDLE_READ error naming it. */
export async function readBundleFile(path: string): Promise<LoadedBundle & { text: string }> {
  const text = await readBundleText(path);
  return { ...loadBundle(text, path), text };
}

export interface CompileBundleTextOptions {
  file?: string;
  validate?: boolean;
  catalog?: SchemaCatalog;
  /**
   * Compiling to map messages (`crosswalk run`, the library's `compile`): a bundle whose review
   * policy says `requireApproved` is refused while a value-map row it can use is not approved.
   * `crosswalk test` and `validate` leave it out, so an unapproved bundle is still tested.
   */
  running?: boolean;
  /** Refuse an unapproved bundle whatever its policy says (`crosswalk run --require-approved`). */
  requireApproved?: boolean;
}

/** Verifies, checks the review gate when running, loads the schemas the mapping needs, and compiles once. */
export async function compileBundleText(text: string, options: CompileBundleTextOptions = {}): Promise<CompiledBundle> {
  const loaded = loadBundle(text, options.file);
  const catalog = options.catalog ?? nodeSchemaCatalog();
  let compiled: CompiledMapping;
  try {
    if (options.requireApproved === true || (options.running === true && reviewPolicyOf(loaded.spec).requireApproved)) assertApproved(loaded.spec);
    compiled = await compileWithCatalog(loaded.spec, catalog, { validate: options.validate === true });
  } catch (error) {
    throw error instanceof CrosswalkError && options.file !== undefined ? error.at({ file: options.file }) : error;
  }
  return { ...compiled, bundle: loaded.bundle, text, ...(options.file !== undefined ? { file: options.file } : {}) };
}

export async function compileBundleFile(path: string, options: Omit<CompileBundleTextOptions, 'file'> = {}): Promise<CompiledBundle> {
  // compileBundleText verifies the bundle; verifying it here as well would hash it twice.
  return compileBundleText(await readBundleText(path), { ...options, file: path });
}
