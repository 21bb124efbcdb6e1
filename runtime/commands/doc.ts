import { basename } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { CoverageSample } from '../../shared/common/coverage/MappingCoverage';
import { documentBundle, type DocumentFormat } from '../../shared/common/doc/documentBundle';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { iterateHl7Bytes } from '../../shared/common/hl7v2/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import type { ByteLimit } from '../../shared/node/studio/files/byteLimits';
import { writeFileAtomic } from '../../shared/node/studio/files/writeFileAtomic';
import { expandInputs, hl7ReadOptions, readInputBytes, STDIN } from '../io/index';
import { checkInputArgs, inputLimitOption } from './checkInputArgs';
import { UsageError, type CommandModule } from './CommandModule';
import { readShowableBundle } from './show';

export interface DocOptions {
  out?: string;
  format?: string;
  sample?: string[];
  maxInputBytes?: string | number;
}

/** The format asked for: `--format`, else the extension of `--out` (.html, .htm, .md, .markdown), else Markdown. */
export function docFormat(options: Pick<DocOptions, 'out' | 'format'>): DocumentFormat {
  if (options.format !== undefined) {
    if (/^html?$/i.test(options.format)) return 'html';
    if (/^(md|markdown)$/i.test(options.format)) return 'markdown';
    throw new UsageError(`--format is html or md, not "${options.format}".`);
  }
  if (options.out === undefined) return 'markdown';
  if (/\.html?$/i.test(options.out)) return 'html';
  if (/\.(md|markdown)$/i.test(options.out)) return 'markdown';
  throw new UsageError('--out names an .html or .md file (or give --format html|md).');
}

/** Every message of the sample inputs, named by file (and position when a file holds several); unreadable ones reported. */
async function readSamples(inputs: readonly string[], stdin: Readable, limit: ByteLimit, report: (error: CrosswalkError) => void): Promise<CoverageSample[]> {
  const samples: CoverageSample[] = [];
  for (const file of await expandInputs(inputs)) {
    if (file.error !== undefined) {
      report(file.error);
      continue;
    }
    const name = file.path === STDIN ? 'stdin' : basename(file.path);
    let bytes: Uint8Array;
    try {
      bytes = await readInputBytes(file.path, stdin, limit);
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      report(error);
      continue;
    }
    const messages: CoverageSample[] = [];
    for (const item of iterateHl7Bytes(bytes, { file: name, ...hl7ReadOptions })) {
      if (item.error !== undefined) report(item.error);
      else messages.push({ name: `${name} #${item.position}`, text: item.message.toString() });
    }
    samples.push(...(messages.length === 1 ? [{ ...messages[0], name }] : messages));
  }
  return samples;
}

/**
 * `crosswalk doc`: the mapping's interface document, as one self-contained HTML page or Markdown,
 * written atomically to `--out` (or Markdown on stdout). Test cases are run and coverage computed
 * with the runtime's engine, over the bundle's test inputs and the `--sample` messages (of those,
 * only field names and counts appear). 0 written, 1 written but a sample could not be read,
 * 2 usage error or not a bundle.
 */
export async function runDoc(bundlePath: string, options: DocOptions, io: { stdout: Writable; stderr: Writable; stdin: Readable }): Promise<number> {
  const format = docFormat(options);
  const limit = inputLimitOption(options.maxInputBytes);
  if (options.sample !== undefined) checkInputArgs('doc --sample', options.sample);
  let failed = false;
  const report = (error: CrosswalkError): void => {
    failed = true;
    io.stderr.write(`crosswalk doc: ${error.toString()}\n`);
  };
  try {
    const bundle = await readShowableBundle(bundlePath);
    const samples = options.sample && options.sample.length > 0 ? await readSamples(options.sample, io.stdin, limit, report) : [];
    const text = await documentBundle(bundle, nodeSchemaCatalog(), format, samples);
    if (options.out === undefined) io.stdout.write(text);
    else writeFileAtomic(options.out, text);
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk doc: ${error.toString()}\n`);
    return 2;
  }
  return failed ? 1 : 0;
}

export const docCommand: CommandModule = {
  name: 'doc',
  register(program: Command): void {
    program
      .command('doc')
      .summary("write a mapping's interface document (HTML or Markdown)")
      .description([
        'Write the interface document of a mapping bundle: its metadata, each map\'s',
        'rules as a table (target element, source, transforms, value map, condition,',
        'note), its value maps with codes, displays and systems, its test cases with the',
        'result of running them now, its coverage (required or must-support elements',
        'nothing writes; valued sample fields nothing reads), and the deviations its',
        'author noted.',
        '',
        'The HTML page is self-contained (no script, no external file) and prints as an',
        'A4 landscape document; Markdown reads on GitHub. Coverage is computed on the',
        'bundle\'s test inputs and on the --sample messages, of which only field names',
        'and counts are written, never values.',
        '',
        '  crosswalk doc adt.crosswalk.json --out adt-interface.html',
        '  crosswalk doc adt.crosswalk.json --out adt-interface.md --sample feed/',
        '',
        'Exit status: 0 written, 1 written but a sample could not be read, 2 a usage',
        'error or not a bundle.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json) or a bare mapping spec')
      .option('--out <file>', 'the file to write: .html or .md (Markdown on stdout without it)')
      .option('--format <format>', 'html or md, whatever --out is named')
      .option('--sample <inputs...>', 'more messages to measure coverage on: files, folders, - for stdin')
      .option('--max-input-bytes <size>', 'the most read from one sample input (default 256M)')
      .action(async (bundle: string, options: DocOptions) => {
        process.exitCode = await runDoc(bundle, options, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
      });
  },
};
