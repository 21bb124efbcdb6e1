import { basename } from 'node:path';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { BundleDocument, OpenedBundle, SavedBundle, SerializedBundle } from '../../../common/studio';
import type { BundleCodec } from './bundleCodec';
import { bundleByteLimit, type ByteLimit } from './byteLimits';
import { readTextFile } from './readTextFile';
import { writeFileAtomic } from './writeFileAtomic';

/** Opening and saving bundle files: the file system side of the Studio API. */
export class BundleFiles {
  constructor(
    private readonly codec: BundleCodec,
    /** The most bytes a bundle file may hold (CROSSWALK_MAX_BUNDLE_BYTES, 64 MiB by default). */
    private readonly limit: ByteLimit = bundleByteLimit(),
  ) {}

  async open(path: string): Promise<OpenedBundle> {
    checkAbsolute(path);
    return { path, name: basename(path), bundle: this.codec.parse(await readTextFile(path, this.limit), basename(path)) };
  }

  openText(name: string, text: string): OpenedBundle {
    return { name, bundle: this.codec.parse(text.replace(/^\uFEFF/, ''), name) };
  }

  save(path: string, bundle: BundleDocument): SavedBundle {
    checkAbsolute(path);
    const { text, hash } = this.codec.serialize(bundle);
    const bytes = writeFileAtomic(path, text);
    return hash === undefined ? { path, bytes } : { path, bytes, hash };
  }

  serialize(bundle: BundleDocument): SerializedBundle {
    const { text, hash } = this.codec.serialize(bundle);
    const fileName = `${fileStem(bundle)}.crosswalk.json`;
    return hash === undefined ? { fileName, text } : { fileName, text, hash };
  }
}

/**
 * The host's working directory means nothing to the user (Electron's is wherever it was launched),
 * so a relative path is refused rather than resolved somewhere surprising.
 */
function checkAbsolute(path: string): void {
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) {
    throw new CrosswalkError('CW_FILE_PATH_RELATIVE', 'The path must be absolute (start at the root of a drive).', { file: path });
  }
  if (path.includes('\0')) throw new CrosswalkError('CW_FILE_PATH_INVALID', 'The path contains a NUL character.', { file: path.replace(/\0/g, '\\0') });
}

/** A file name from the bundle's metadata name, reduced to characters safe on every OS. */
export function fileStem(bundle: BundleDocument): string {
  const metadata = bundle.metadata as { name?: unknown } | undefined;
  const raw = typeof metadata?.name === 'string' ? metadata.name : 'mapping';
  const stem = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return stem || 'mapping';
}
