import type { CommandModule } from './CommandModule';

/** Every CLI command, in the order `crosswalk --help` lists them. Add a command by adding its module. */
export const commands: CommandModule[] = [];
