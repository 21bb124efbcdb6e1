import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { getFunction } from '../../shared/common/functions';
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
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    const sum = (of: (map: (typeof spec.maps)[number]) => number): number => spec.maps.reduce((total, map) => total + of(map), 0);
    const maps = `${count(spec.maps.length, 'map')} (${spec.maps.map((m) => m.id).join(', ')})`;
    io.stdout.write(`${bundlePath}: valid: ${metadata.name} ${metadata.version}, ${maps}, ${count(sum((m) => (m.kind === 'message' ? m.targets.length : 0)), 'target')}, ${count(sum((m) => m.nodes.length), 'node')}, ${count(sum((m) => m.links.length), 'link')}, ${count(spec.valueMaps.length, 'value map')}, ${count(tests.length, 'test case')}.\n`);
    // Still valid: a replaced function runs as it always did, but its rule now lives in a map an analyst can open.
    for (const map of spec.maps) {
      for (const node of map.nodes) {
        const replacedBy = node.kind === 'function' ? getFunction(node.functionId)?.replacedBy : undefined;
        if (replacedBy) io.stdout.write(`note: node "${node.id}" of map ${map.id} uses ${(node as { functionId: string }).functionId}, whose rule the library map ${replacedBy} now draws; it runs unchanged, but new work should call that map.\n`);
      }
    }
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
