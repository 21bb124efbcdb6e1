import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { compileBundleFile } from '../../shared/node/runtime/compileBundle';
import type { CommandModule } from './CommandModule';

/**
 * `crosswalk validate`: verifies a bundle (format, hash, spec schema) and compiles it (paths,
 * functions, value maps, contexts, expressions) without mapping anything. 0 valid, 2 refused.
 */
export async function runValidate(bundlePath: string, io: { stdout: Writable; stderr: Writable }): Promise<number> {
  try {
    const compiled = await compileBundleFile(bundlePath, { validate: true });
    const { metadata, tests } = compiled.bundle;
    const spec = compiled.spec;
    io.stdout.write(`${bundlePath}: valid: ${metadata.name} ${metadata.version}, ${spec.targets.length} target${spec.targets.length === 1 ? '' : 's'}, ${spec.nodes.length} nodes, ${spec.links.length} links, ${spec.valueMaps.length} value maps, ${tests.length} test case${tests.length === 1 ? '' : 's'}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk validate: ${error.toString()}\n`);
    return 2;
  }
}

export const validateCommand: CommandModule = {
  name: 'validate',
  register(program: Command): void {
    program
      .command('validate')
      .summary('check a bundle without running it')
      .description([
        'Check a mapping bundle without mapping anything: its format, its content',
        'hash, the mapping spec against its schema, and a full compile (every source',
        'and target path, function, value map, context and expression). Prints one',
        'line when it is valid, one sentence naming the problem otherwise.',
        '',
        'Exit status: 0 valid, 2 refused.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json)')
      .action(async (bundle: string) => {
        process.exitCode = await runValidate(bundle, { stdout: process.stdout, stderr: process.stderr });
      });
  },
};
