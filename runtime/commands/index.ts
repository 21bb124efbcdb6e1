import type { CommandModule } from './CommandModule';
import { inspectCommand } from './inspect';
import { schemaCommand } from './schema';

/** Every CLI command, in the order `crosswalk --help` lists them. Add a command by adding its module. */
export const commands: CommandModule[] = [inspectCommand, schemaCommand];
