import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { inputByteLimit, parseByteLimit, type ByteLimit } from '../../shared/node/studio/files/byteLimits';
import { STDIN } from '../io/index';
import { UsageError } from './CommandModule';

/** The inputs of a command that reads messages (run, inspect): at least one, and stdin (-) once at most. */
export function checkInputArgs(command: string, inputs: readonly string[]): void {
  if (inputs.length === 0) throw new UsageError(`${command} needs at least one input: a file, a folder or - for stdin.`);
  if (inputs.filter((input) => input === STDIN).length > 1) throw new UsageError('stdin (-) can be given only once.');
}

/** `--max-input-bytes` (else CROSSWALK_MAX_INPUT_BYTES, else 256 MiB) as a read limit; a bad value is a usage error. */
export function inputLimitOption(value: string | number | undefined): ByteLimit {
  let maxBytes: number | undefined;
  if (value !== undefined) {
    maxBytes = typeof value === 'number' ? value : parseByteLimit(value);
    if (maxBytes === undefined || !Number.isSafeInteger(maxBytes) || maxBytes < 1) {
      throw new UsageError(`--max-input-bytes must be a number of bytes such as 268435456, 512K, 64M or 1G, not "${String(value)}".`);
    }
  }
  try {
    return inputByteLimit(maxBytes);
  } catch (error) {
    if (error instanceof CrosswalkError) throw new UsageError(error.message);
    throw error;
  }
}
