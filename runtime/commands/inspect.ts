import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { iterateHl7Bytes } from '../../shared/common/hl7v2/index';
import { expandInputs, hl7ReadOptions, LineWriter, readInputBytes, STDIN } from '../io/index';
import { checkInputArgs, inputLimitOption } from './checkInputArgs';
import type { CommandModule } from './CommandModule';

export interface InspectIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/**
 * Print every valued leaf of every message in the inputs as NDJSON. Errors go to stderr as one
 * line each with their code and position only (never message content), and the remaining messages
 * are still printed. Returns the exit code: 0 when everything was read, 1 when anything failed.
 */
export async function runInspect(inputs: readonly string[], io: InspectIo, options: { maxInputBytes?: string | number } = {}): Promise<number> {
  checkInputArgs('inspect', inputs);
  const limit = inputLimitOption(options.maxInputBytes);
  const out = new LineWriter(io.stdout);
  const report = (error: CrosswalkError): void => {
    io.stderr.write(`crosswalk inspect: ${error.toString()}\n`);
  };
  const files = await expandInputs(inputs);
  // With one input file the lines are exactly {"message","path","value"}; with several, "file" says which.
  const named = files.length > 1;
  let failed = false;
  for (const file of files) {
    if (out.gone) break;
    if (file.error !== undefined) {
      report(file.error);
      failed = true;
      continue;
    }
    const name = file.path === STDIN ? 'stdin' : file.path;
    let bytes: Uint8Array;
    try {
      bytes = await readInputBytes(file.path, io.stdin, limit);
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      report(error);
      failed = true;
      continue;
    }
    const prefix = named ? `{"file":${JSON.stringify(name)},"message":` : '{"message":';
    // Each message is decoded in its own MSH-18 character set, as `crosswalk run` does.
    for (const item of iterateHl7Bytes(bytes, { file: name, ...hl7ReadOptions })) {
      if (item.error !== undefined) {
        report(item.error);
        failed = true;
        continue;
      }
      const head = `${prefix}${item.position},"path":`;
      for (const leaf of item.message.leaves()) {
        await out.line(`${head}${JSON.stringify(leaf.path)},"value":${JSON.stringify(leaf.value)}}`);
      }
      if (out.gone) break;
    }
  }
  await out.flush();
  return failed ? 1 : 0;
}

export const inspectCommand: CommandModule = {
  name: 'inspect',
  register(program: Command): void {
    program
      .command('inspect')
      .summary('print every valued leaf of HL7 v2 messages as NDJSON')
      .description(
        [
          'Print every valued leaf of every HL7 v2 message in the inputs, one JSON object per line:',
          '  {"message":1,"path":"PID-5[1].1","value":"O\'Brien"}',
          'Values are decoded (\\T\\ becomes &; \\.br\\ and other formatting escapes stay as written); the',
          'explicit null "" prints as null. Paths are canonical: the field repetition is always given,',
          'the segment occurrence when the segment repeats (OBX[2]-5[1]), a component or subcomponent',
          'when the element is split. "message" is the 1-based position in its file; with several input',
          'files each line also names its "file".',
          '',
          'Inputs: files (any name), folders (every *.hl7, *.er7, *.txt, *.msg inside, recursively), or -',
          'for stdin. Files may hold many messages: back to back, in FHS/BHS batches, or MLLP-framed.',
          'Each message is decoded in the character set its MSH-18 names (UTF-8 when empty); bytes that',
          'do not fit it fail that message alone (HL7_ENCODING, with the byte offset).',
          '',
          'A message that cannot be read is reported on stderr with its file, position and error code;',
          'the others are still printed, and the exit code is 1. Exit code 2 means bad usage.',
        ].join('\n'),
      )
      .argument('<inputs...>', 'files, folders, or - for stdin')
      .option('--max-input-bytes <n>', 'read at most n bytes from one input (512K, 64M, 1G; default CROSSWALK_MAX_INPUT_BYTES or 256M)')
      .action(async (inputs: string[], options: { maxInputBytes?: string }) => {
        process.exitCode = await runInspect(inputs, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, options);
      });
  },
};
