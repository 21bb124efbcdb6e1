import { Command, CommanderError } from 'commander';
import { commands } from './commands/index';
import { UsageError } from './commands/CommandModule';

const program = new Command('crosswalk')
  .description('Crosswalk: map HL7 v2 to FHIR R4 and run mapping bundles headless.')
  .version('0.1.0')
  // `crosswalk new --version 2.6` is the HL7 version, not the program's: program options end at the command.
  .enablePositionalOptions()
  .showHelpAfterError(false)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });

for (const command of commands) command.register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are printed by commander and are not errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') process.exit(0);
    process.exit(2);
  }
  if (error instanceof UsageError) {
    process.stderr.write(`crosswalk: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
