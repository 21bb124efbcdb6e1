import { bundleByteLimit, type ByteLimit } from './byteLimits';
import { fileError } from './fileError';
import { readFileBounded } from './readFileBounded';

/**
 * Reads a UTF-8 text file (a bundle) without a byte-order mark. Only regular files are read, and at
 * most `limit` bytes (CROSSWALK_MAX_BUNDLE_BYTES, 64 MiB by default): a FIFO, a device or a huge
 * file would otherwise stall or exhaust the host. Asynchronous, so a slow disk never blocks the
 * host's other requests. Failures are CrosswalkErrors naming the file.
 */
export async function readTextFile(path: string, limit: ByteLimit = bundleByteLimit()): Promise<string> {
  try {
    return (await readFileBounded(path, limit)).toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw fileError(error, path, 'read');
  }
}
