import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { decodeText, type DecodedText } from './decodeText';
import { ioError, STDIN } from './expandInputs';

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The text of one input: a file, or stdin for `-`. Read errors become CrosswalkErrors naming the file. */
export async function readInputText(path: string, stdin: Readable = process.stdin): Promise<DecodedText> {
  try {
    const bytes = path === STDIN ? await readAll(stdin) : await readFile(path);
    return decodeText(bytes);
  } catch (error) {
    throw ioError(error, path === STDIN ? 'stdin' : path);
  }
}
