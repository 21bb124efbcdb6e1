import { dirname, basename, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { compileBundleFile } from '../../shared/node/runtime/compileBundle';
import { runInputs, type RunStats } from '../run/runInputs';
import { createRunSink } from '../run/sinks';
import { checkInputArgs, inputLimitOption } from './checkInputArgs';
import { UsageError, type CommandModule } from './CommandModule';

export interface RunIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
}

export interface RunCommandOptions {
  out?: string;
  errors?: string;
  validate?: boolean;
  workers?: string | number;
  maxInputBytes?: string | number;
  ndjson?: boolean;
  requireApproved?: boolean;
}

function parseWorkers(value: string | number | undefined): number {
  if (value === undefined) return 0;
  const n = typeof value === 'number' ? value : /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers must be a whole number from 1 to 256, not "${String(value)}".`);
  return n;
}

/** A one-line progress display, redrawn at most ten times a second; only on a terminal. */
function progress(stream: RunIo['stderr']): ((stats: RunStats, file: string) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return (stats, file) => {
    const now = Date.now();
    if (file !== '' && now - last < 100) return;
    last = now;
    const width = 24;
    const share = stats.messages === 0 ? 0 : stats.mapped / stats.messages;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const text = `[${bar}] ${stats.messages} messages, ${stats.mapped} mapped, ${stats.failed} failed${file ? ` · ${basename(file)}` : ''}`;
    stream.write(`\r${text.slice(0, 100).padEnd(100)}${file === '' ? '\n' : ''}`);
  };
}

/**
 * `crosswalk run`: maps every message of the inputs with the bundle. Returns the exit code: 0 all
 * mapped, 1 some failed, 2 the bundle was refused (usage errors throw UsageError).
 */
export async function runRun(bundlePath: string, inputs: readonly string[], options: RunCommandOptions, io: RunIo): Promise<number> {
  checkInputArgs('run', inputs);
  const workers = parseWorkers(options.workers);
  const inputLimit = inputLimitOption(options.maxInputBytes);
  const out = options.out === undefined ? undefined : resolve(options.out);
  // Failures go beside the outputs unless told otherwise, so a folder of results is never silently partial.
  const errors = options.errors !== undefined ? resolve(options.errors) : out !== undefined ? join(dirname(out), `${basename(out)}-errors`) : undefined;
  if (out !== undefined && errors === out) throw new UsageError('--errors must be a different folder from --out.');

  let compiled;
  try {
    compiled = await compileBundleFile(bundlePath, { validate: options.validate === true, running: true, requireApproved: options.requireApproved === true });
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk run: ${error.toString()}\n`);
    return 2;
  }
  if (options.ndjson === true && compiled.input.standard !== 'json') {
    throw new UsageError(`--ndjson reads JSON lines, but this bundle reads ${compiled.input.standard === 'csv' ? 'CSV' : 'HL7 v2'}.`);
  }
  let sink;
  try {
    // A failed message is copied out as the bundle reads it, so `crosswalk run` can take it again.
    const textExtension = compiled.input.standard === 'hl7v2' ? 'hl7' : compiled.input.standard;
    sink = createRunSink({ stdout: io.stdout, stderr: io.stderr, textExtension, ...(out !== undefined ? { outDir: out } : {}), ...(errors !== undefined ? { errorsDir: errors } : {}) });
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    throw new UsageError(error.toString());
  }
  const onProgress = progress(io.stderr);
  let stats;
  try {
    stats = await runInputs(compiled, inputs, sink, {
      validate: options.validate === true,
      workers,
      ndjson: options.ndjson === true,
      stdin: io.stdin,
      inputLimit,
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    // A worker thread that died or an output folder that stopped accepting files: say so and stop.
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk run: ${error.toString()}\n`);
    return 1;
  }
  if (stats.failed > 0) {
    const where = errors !== undefined ? `; see ${errors}` : '';
    // Inputs that were not read (missing, a FIFO, a broken link...) count as failed; say how many, so "0 of 0" is not a mystery.
    const unread = stats.inputErrors > 0 ? ` (${stats.inputErrors} input${stats.inputErrors === 1 ? '' : 's'} not read)` : '';
    io.stderr.write(`crosswalk run: ${stats.mapped} of ${stats.messages} messages mapped, ${stats.failed} failed${unread}${where}.\n`);
    return 1;
  }
  if (out !== undefined) io.stderr.write(`crosswalk run: ${stats.mapped} messages mapped to ${out}.\n`);
  return 0;
}

export const runCommand: CommandModule = {
  name: 'run',
  register(program: Command): void {
    program
      .command('run')
      .summary('map HL7 v2, JSON or CSV messages to FHIR R4 with a bundle')
      .description([
        'Map every message in the inputs with a mapping bundle. Inputs are files,',
        'folders (read recursively) or - for stdin, read as the bundle reads:',
        '',
        'HL7 v2 (.hl7 .er7 .txt .msg in folders): a file may hold many messages',
        '(back to back, in FHS/BHS batch envelopes, or MLLP-framed). Each message is',
        'decoded in the character set its MSH-18 names (UTF-8 when empty); bytes',
        'that do not fit fail that message alone.',
        'JSON (.json .ndjson .jsonl): a file is one document; .ndjson and .jsonl',
        'files (every input with --ndjson) hold one document per line, and a line',
        'that does not parse fails alone (line and column).',
        'CSV (.csv .tsv): each row is one message (or the whole file, as the bundle',
        'says); a row that does not read fails alone (line and column).',
        '',
        'Output: one FHIR transaction Bundle per message, as one JSON line each on',
        'stdout (NDJSON), in input order; with --out, one file per message instead',
        '(<input>.<n>.json, written atomically). A message that fails is never',
        'dropped: with --errors (default: <out>-errors beside --out) its report',
        '(code, sentence, file, message number, path) and its text are written there;',
        'otherwise one line per failure goes to stderr. The bundle is verified (hash,',
        'format, spec) before anything runs. With --require-approved, or when the',
        'bundle\'s review policy asks for it, a bundle with a value-map row it can use',
        'that is not approved is refused, naming the first such map and row.',
        '',
        'Exit status: 0 all messages mapped, 1 some failed, 2 usage error or a bundle',
        'that was refused.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json) exported by the studio')
      .argument('[inputs...]', 'files, folders, or - for stdin')
      .option('--out <dir>', 'write one JSON file per message into this folder')
      .option('--errors <dir>', 'write failed messages and their error reports into this folder')
      .option('--validate', 'validate each output against FHIR R4; an invalid output counts as failed')
      .option('--workers <n>', 'map on n worker threads (output order stays the input order)')
      .option('--ndjson', 'JSON bundles: read every input (stdin too) as one JSON document per line')
      .option('--max-input-bytes <n>', 'read at most n bytes from one input (512K, 64M, 1G; default CROSSWALK_MAX_INPUT_BYTES or 256M)')
      .option('--require-approved', 'refuse to run while a value-map row the mapping can use is not approved (see crosswalk review)')
      .action(async (bundle: string, inputs: string[], options: RunCommandOptions) => {
        process.exitCode = await runRun(bundle, inputs, options, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
      });
  },
};
