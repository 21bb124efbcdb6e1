import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileError } from './fileError';

/**
 * A temporary file's name: `.<target name>.<pid>-<12 hex digits>.tmp`, beside the target. The
 * pid names the process that owns it, so a later run can tell the leftover of a crashed writer
 * from a file another live process is writing right now (removeStaleTemporaries).
 */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Matches temporaryPath's file names; group 1 is the owner's pid. */
export const TEMPORARY_NAME = /^\..+\.(\d+)-[0-9a-f]{12}\.tmp$/;

/**
 * Writes a whole file or nothing: the data (text as UTF-8, or bytes) goes to a temporary file
 * beside the target, is flushed to disk, then renamed over the target (atomic on one file system).
 * A crash or a full disk leaves the previous file untouched and no half-written one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): number {
  const temp = temporaryPath(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
    return bytes.length;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw fileError(error, path, 'written');
  }
}
