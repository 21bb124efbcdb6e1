import { PassThrough, Readable } from 'node:stream';

/** Streams a command writes to in tests, and what it wrote (stdin is empty unless given). */
export function captureIo(stdin: Readable = Readable.from([])) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += String(chunk); });
  stderr.on('data', (chunk) => { err += String(chunk); });
  return { io: { stdout, stderr, stdin }, out: () => out, err: () => err };
}
