import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import { tooLargeError, type ByteLimit } from './byteLimits';

/**
 * O_NONBLOCK: opening a FIFO that has no writer would otherwise wait forever on a libuv thread;
 * with it the open returns at once and fstat refuses the FIFO. Regular files ignore the flag.
 * O_NOCTTY: naming a terminal must not make it this process's controlling terminal.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** The error for a path that is a FIFO, socket or device: reading one may never end or never return. */
export function notRegularFileError(file: string, info: Stats): CrosswalkError {
  return new CrosswalkError('IO_NOT_REGULAR_FILE', `This is ${kindOf(info)}, not a regular file, so it is not read.`, { file });
}

/**
 * The bytes of a regular file, at most `limit.maxBytes` of them. The type is checked with fstat on
 * the opened descriptor (not a stat of the path, which another process could swap in between), and
 * the size is counted while reading: stat's size is only a hint (/proc files report 0, a file may
 * grow while it is read). A folder throws an EISDIR error like fs.readFile, so callers keep their
 * own wording for it; a FIFO, socket or device throws IO_NOT_REGULAR_FILE, too much IO_TOO_LARGE.
 * Other failures are the Node errors (ENOENT, EACCES, ...).
 */
export async function readFileBounded(path: string, limit: ByteLimit): Promise<Buffer> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
    if (!info.isFile()) throw notRegularFileError(path, info);
    if (info.size > limit.maxBytes) throw tooLargeError(path, limit);
    // One byte more than the size says, so the read that finds the end fits without growing.
    let buffer = Buffer.allocUnsafe(Math.min(limit.maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit.maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit.maxBytes) throw tooLargeError(path, limit);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Everything a stream (stdin) holds, at most `limit.maxBytes`: past that the stream is destroyed and IO_TOO_LARGE thrown. */
export async function readStreamBounded(stream: Readable, name: string, limit: ByteLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    // Leaving the loop by a throw destroys the stream, so nothing more is buffered.
    if (length > limit.maxBytes) throw tooLargeError(name, limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}
