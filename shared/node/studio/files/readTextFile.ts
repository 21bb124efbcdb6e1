import { readFileSync, statSync } from 'node:fs';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import { fileError } from './fileError';

/** Bundles and samples are text; anything bigger than this is not one and would only stall the UI. */
export const maxOpenBytes = 200 * 1024 * 1024;

/** Reads a UTF-8 text file, refusing folders and oversized files with a CrosswalkError. */
export function readTextFile(path: string): string {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CrosswalkError('CW_FILE_IS_DIRECTORY', 'The path is a folder, not a file.', { file: path });
    if (stat.size > maxOpenBytes) {
      throw new CrosswalkError('CW_FILE_TOO_LARGE', `The file is ${Math.round(stat.size / 1048576)} MB; Crosswalk opens files up to ${maxOpenBytes / 1048576} MB.`, { file: path });
    }
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw fileError(error, path, 'read');
  }
}
