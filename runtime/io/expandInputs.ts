import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import type { InputFormat } from '../../shared/common/mapping/input/inputFormat';
import { notRegularFileError } from '../../shared/node/studio/files/readFileBounded';

/** File name endings read from folders for HL7 v2 mappings; a file named directly is read whatever its name. */
export const MESSAGE_FILE_EXTENSIONS = ['.hl7', '.er7', '.txt', '.msg'];

/** The file name endings read from folders for a mapping's input format. */
export function inputFileExtensions(format: InputFormat): readonly string[] {
  if (format.standard === 'json') return ['.json', '.ndjson', '.jsonl'];
  if (format.standard === 'csv') return ['.csv', '.tsv'];
  return MESSAGE_FILE_EXTENSIONS;
}

/** The stdin marker on command lines. */
export const STDIN = '-';

function ioError(error: unknown, file: string): CrosswalkError {
  if (error instanceof CrosswalkError) return error.at({ file });
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CrosswalkError('IO_NOT_FOUND', 'No such file or folder.', { file });
  if (code === 'EACCES' || code === 'EPERM') return new CrosswalkError('IO_NO_ACCESS', 'Permission denied when reading this input.', { file });
  if (code === 'ELOOP') return new CrosswalkError('IO_LINK_LOOP', 'This symbolic link leads round in a loop of links, so it is not read.', { file });
  return new CrosswalkError('IO_READ_FAILED', `The input could not be read (${code ?? 'unknown error'}).`, { file });
}

/** One input named on the command line: a file path, or an error for an input that cannot be read. */
export type ExpandedInput = { path: string; error?: undefined } | { path: string; error: CrosswalkError };

/** A message file name: one of the extensions, and not one of the runtime's own error reports (`<input>.<n>.error.json`). */
const isMessageFileName = (name: string, extensions: readonly string[]): boolean => {
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.error.json');
};

/** A folder's identity, the same through every link that reaches it. */
const folderId = (info: Stats): string => `${info.dev}:${info.ino}`;

/**
 * One walk of a folder argument. `visited` holds every folder already walked (by device and inode),
 * `ancestors` those on the way down to the current one: a link back to an ancestor is a loop, a
 * second link to any other walked folder would read it twice (and a web of such links could make
 * the walk exponential), so both are reported instead of followed.
 */
class FolderWalk {
  readonly out: ExpandedInput[] = [];
  private readonly visited = new Set<string>();

  constructor(private readonly extensions: readonly string[]) {}

  async folder(path: string, info: Stats, ancestors: readonly string[]): Promise<void> {
    const id = folderId(info);
    if (ancestors.includes(id)) {
      this.out.push({ path, error: new CrosswalkError('IO_LINK_LOOP', 'This link leads back to a folder it is inside, so it is not followed.', { file: path }) });
      return;
    }
    if (this.visited.has(id)) {
      this.out.push({ path, error: new CrosswalkError('IO_DUPLICATE_FOLDER', 'This link leads to a folder that was already read through another path, so it is not read twice.', { file: path }) });
      return;
    }
    this.visited.add(id);
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      this.out.push({ path, error: ioError(error, path) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = [...ancestors, id];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      await this.entry(join(path, entry.name), entry, inside);
    }
  }

  private async entry(path: string, entry: Dirent, ancestors: readonly string[]): Promise<void> {
    const message = isMessageFileName(entry.name, this.extensions);
    // A plain file with another name is not a message file (notes, READMEs): the documented skip.
    if (entry.isFile()) {
      if (message) this.out.push({ path });
      return;
    }
    // Folders, links (followed to what they name) and entries whose type the file system does not report.
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      // What a broken link pointed to (a message file, a folder of them) cannot be told: always reported.
      const broken = (error as NodeJS.ErrnoException).code === 'ENOENT' && entry.isSymbolicLink();
      this.out.push({ path, error: broken ? new CrosswalkError('IO_BROKEN_LINK', 'This symbolic link points to nothing that exists.', { file: path }) : ioError(error, path) });
      return;
    }
    if (info.isDirectory()) await this.folder(path, info, ancestors);
    else if (!message) return;
    else if (info.isFile()) this.out.push({ path });
    else this.out.push({ path, error: notRegularFileError(path, info) });
  }
}

/**
 * Turn command-line inputs into the files to read, in order: a file as given, a folder as every
 * message file under it (recursive, sorted by name), `-` as stdin. In folders, symbolic links are
 * followed to files and folders; hidden entries are skipped, and so are files whose names do not
 * end in a message extension. Everything else that cannot be read (a FIFO, socket or device with a
 * message name, a broken link, a loop, a folder that cannot be listed) is returned with its error,
 * so the caller reports it and goes on with the rest: nothing is skipped without a word.
 */
export async function expandInputs(args: readonly string[], extensions: readonly string[] = MESSAGE_FILE_EXTENSIONS): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      out.push({ path: STDIN });
      continue;
    }
    try {
      const info = await stat(arg);
      if (info.isDirectory()) {
        const walk = new FolderWalk(extensions);
        await walk.folder(arg, info, []);
        if (walk.out.length === 0) {
          out.push({ path: arg, error: new CrosswalkError('IO_EMPTY_FOLDER', `The folder holds no message files (${extensions.join(', ')}).`, { file: arg }) });
        }
        out.push(...walk.out);
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
