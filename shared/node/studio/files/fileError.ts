import { CrosswalkError } from '../../../common/errors/CrosswalkError';

/** A file system failure as one sentence the user can act on, naming the file (never its contents). */
export function fileError(error: unknown, file: string, action: 'read' | 'written' | 'removed'): CrosswalkError {
  if (error instanceof CrosswalkError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? new CrosswalkError('CW_FILE_NOT_FOUND', 'The file does not exist.', { file })
        : new CrosswalkError('CW_FILE_NOT_FOUND', 'The folder to save into does not exist.', { file });
    case 'EACCES':
    case 'EPERM':
      return new CrosswalkError('CW_FILE_ACCESS', `You do not have permission to have this file ${action}.`, { file });
    case 'EISDIR':
      return new CrosswalkError('CW_FILE_IS_DIRECTORY', 'The path is a folder, not a file.', { file });
    case 'ENOTDIR':
      return new CrosswalkError('CW_FILE_NOT_FOUND', 'A part of the path is not a folder.', { file });
    case 'ENOSPC':
      return new CrosswalkError('CW_FILE_DISK_FULL', 'The disk is full; the file was not written.', { file });
    case 'EROFS':
      return new CrosswalkError('CW_FILE_ACCESS', 'The file system is read-only; the file was not written.', { file });
    default:
      return new CrosswalkError('CW_FILE_IO', `The file could not be ${action}: ${(error as Error | undefined)?.message ?? String(error)}.`, { file });
  }
}
