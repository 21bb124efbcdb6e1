import type { Readable } from 'node:stream';
import { inputByteLimit, type ByteLimit } from '../../shared/node/studio/files/byteLimits';
import { readFileBounded, readStreamBounded } from '../../shared/node/studio/files/readFileBounded';
import { decodeText, type DecodedText } from './decodeText';
import { ioError, STDIN } from './expandInputs';

/**
 * The text of one input: a regular file, or stdin for `-`, at most `limit` bytes either way (a
 * FIFO, a device or an endless stream would otherwise block or grow the process without end).
 * Read errors become CrosswalkErrors naming the file.
 */
export async function readInputText(path: string, stdin: Readable = process.stdin, limit: ByteLimit = inputByteLimit()): Promise<DecodedText> {
  const name = path === STDIN ? 'stdin' : path;
  try {
    const bytes = path === STDIN ? await readStreamBounded(stdin, name, limit) : await readFileBounded(path, limit);
    return decodeText(bytes);
  } catch (error) {
    throw ioError(error, name);
  }
}
