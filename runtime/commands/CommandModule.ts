import type { Command } from 'commander';

/**
 * One CLI command, registered as data: cli.ts adds every module listed in commands/index.ts.
 * `register` declares the command (arguments, options, help text) and its action. Actions
 * throw `UsageError` for bad usage (exit 2) and set `process.exitCode` themselves otherwise
 * (0 done, 1 input errors).
 */
export interface CommandModule {
  name: string;
  register(program: Command): void;
}

/** Bad arguments or options: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
