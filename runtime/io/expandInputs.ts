import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';

/** File name endings read from folders; a file named directly is read whatever its name. */
export const MESSAGE_FILE_EXTENSIONS = ['.hl7', '.er7', '.txt', '.msg'];

/** The stdin marker on command lines. */
export const STDIN = '-';

function ioError(error: unknown, file: string): CrosswalkError {
  if (error instanceof CrosswalkError) return error.at({ file });
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CrosswalkError('IO_NOT_FOUND', 'No such file or folder.', { file });
  if (code === 'EACCES' || code === 'EPERM') return new CrosswalkError('IO_NO_ACCESS', 'Permission denied when reading this input.', { file });
  return new CrosswalkError('IO_READ_FAILED', `The input could not be read (${code ?? 'unknown error'}).`, { file });
}

async function walk(folder: string, out: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && MESSAGE_FILE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(path);
  }
}

/** One input named on the command line: a file path, or an error for an input that cannot be read. */
export type ExpandedInput = { path: string; error?: undefined } | { path: string; error: CrosswalkError };

/**
 * Turn command-line inputs into the files to read, in order: a file as given, a folder as every
 * message file under it (recursive, sorted by name, hidden entries skipped), `-` as stdin. An input
 * that does not exist or cannot be listed is returned with its error, so the caller reports it and
 * goes on with the rest.
 */
export async function expandInputs(args: readonly string[]): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      out.push({ path: STDIN });
      continue;
    }
    try {
      const info = await stat(arg);
      if (info.isDirectory()) {
        const files: string[] = [];
        await walk(arg, files);
        if (files.length === 0) {
          out.push({ path: arg, error: new CrosswalkError('IO_EMPTY_FOLDER', `The folder holds no message files (${MESSAGE_FILE_EXTENSIONS.join(', ')}).`, { file: arg }) });
        }
        for (const file of files) out.push({ path: file });
      } else {
        out.push({ path: arg });
      }
    } catch (error) {
      out.push({ path: arg, error: ioError(error, arg) });
    }
  }
  return out;
}

export { ioError };
