import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { readBundleJson, showBundle, type ShowableBundle } from '../../shared/common/bundle';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { specPortEnv } from '../../shared/common/mapping/read/specPortEnv';
import { parseSpec } from '../../shared/common/mapping/spec/parseSpec';
import { readBundleText } from '../../shared/node/runtime/compileBundle';
import type { CommandModule } from './CommandModule';
import { parseJson } from '../../shared/common/json/parseJson';

/**
 * A bundle file as `crosswalk show` and `crosswalk doc` read it: also a bundle whose hash no
 * longer matches (work in progress) or in the first format, with a note saying so, and a bare
 * mapping spec. Refuses what is not a bundle with a CrosswalkError.
 */
export async function readShowableBundle(path: string): Promise<ShowableBundle> {
  const text = await readBundleText(path);
  let json: unknown;
  try {
    json = parseJson(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CrosswalkError('BUNDLE_NOT_JSON', 'The bundle file is not valid JSON.', { file: path });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format.startsWith('crosswalk.mapping/')) {
    return { metadata: { name: path, version: '(a bare mapping spec)' }, mapping: parseSpec(json, 'mapping'), tests: [], format: 'mapping spec' };
  }
  const loaded = readBundleJson(json, path, { verifyHash: false });
  const notes: string[] = [];
  if (!loaded.hashMatches) notes.push('the content does not match its hash: the file was edited after export (the runtime refuses it as it is)');
  if (loaded.migratedFrom) notes.push(`written in ${loaded.migratedFrom}; shown as ${loaded.bundle.format} (saving from the studio converts it)`);
  return { ...loaded.content, format: loaded.bundle.format, hash: loaded.bundle.hash, notes };
}

/**
 * `crosswalk show`: the mapping as text, one rule a line, map by map. Also a git textconv driver,
 * so it reads a bundle whose hash no longer matches (work in progress) and says so in the header
 * instead of refusing it. 0 shown, 2 not a bundle.
 */
export async function runShow(path: string, io: { stdout: Writable; stderr: Writable }): Promise<number> {
  try {
    const bundle = await readShowableBundle(path);
    io.stdout.write(showBundle(bundle, specPortEnv(bundle.mapping)));
    return 0;
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk show: ${error.toString()}\n`);
    return 2;
  }
}

export const showCommand: CommandModule = {
  name: 'show',
  register(program: Command): void {
    program
      .command('show')
      .summary('print a bundle as text, one rule a line (a git diff driver)')
      .description([
        'Print a mapping bundle as text, map by map, one rule a line, the way the',
        'FHIR Mapping Language reads: `PID-8 → Patient.gender via v2-0001-gender`.',
        'Rules are sorted by target path, so the text changes only where the mapping',
        'does. A bundle whose hash no longer matches is shown with a note, so it also',
        'works as a git textconv driver:',
        '',
        '  echo "*.crosswalk.json diff=crosswalk" >> .gitattributes',
        '  git config diff.crosswalk.textconv "crosswalk show"',
        '',
        'Exit status: 0 shown, 2 not a bundle.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json) or a bare mapping spec')
      .action(async (bundle: string) => {
        process.exitCode = await runShow(bundle, { stdout: process.stdout, stderr: process.stderr });
      });
  },
};
