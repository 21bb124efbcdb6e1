import type { Readable } from 'node:stream';
import { inputByteLimit, type ByteLimit } from '../../shared/node/studio/files/byteLimits';
import { readFileBounded, readStreamBounded } from '../../shared/node/studio/files/readFileBounded';
import { ioError, STDIN } from './expandInputs';

/**
 * The bytes of one input: a regular file, or stdin for `-`, at most `limit` bytes either way (a
 * FIFO, a device or an endless stream would otherwise block or grow the process without end).
 * Bytes, not text: each message is decoded in its own character set (iterateHl7Bytes). Read
 * errors become CrosswalkErrors naming the file.
 */
export async function readInputBytes(path: string, stdin: Readable = process.stdin, limit: ByteLimit = inputByteLimit()): Promise<Uint8Array> {
  const name = path === STDIN ? 'stdin' : path;
  try {
    return path === STDIN ? await readStreamBounded(stdin, name, limit) : await readFileBounded(path, limit);
  } catch (error) {
    throw ioError(error, name);
  }
}
