import type { CommandModule } from './CommandModule';
import { docCommand } from './doc';
import { inspectCommand } from './inspect';
import { newCommand } from './new';
import { schemaCommand } from './schema';
import { showCommand } from './show';
import { reviewCommand } from './review';
import { runCommand } from './run';
import { testCommand } from './test';
import { validateCommand } from './validate';

/** Every CLI command, in the order `crosswalk --help` lists them. Add a command by adding its module. */
export const commands: CommandModule[] = [runCommand, testCommand, validateCommand, reviewCommand, showCommand, docCommand, inspectCommand, schemaCommand, newCommand];
