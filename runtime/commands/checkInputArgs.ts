import { STDIN } from '../io/index';
import { UsageError } from './CommandModule';

/** The inputs of a command that reads messages (run, inspect): at least one, and stdin (-) once at most. */
export function checkInputArgs(command: string, inputs: readonly string[]): void {
  if (inputs.length === 0) throw new UsageError(`${command} needs at least one input: a file, a folder or - for stdin.`);
  if (inputs.filter((input) => input === STDIN).length > 1) throw new UsageError('stdin (-) can be given only once.');
}
