import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { removeStaleTemporaries } from '../../shared/node/studio/files/removeStaleTemporaries';
import { writeFileAtomic } from '../../shared/node/studio/files/writeFileAtomic';
import { LineWriter } from '../io/index';
import { outcomeFile, PreviousOutcomes } from './PreviousOutcomes';
import type { Failure, MessagePlace, RunSink } from './RunSink';
import { parseJson } from '../../shared/common/json/parseJson';
import { writeJson } from '../../shared/common/json/writeJson';

/** Output file names: `<input file name>.<message position>`, made unique when two inputs share a name. */
class PlaceNames {
  private readonly byFile = new Map<string, string>();
  private readonly used = new Set<string>();

  /** The name of an input's outcome files. */
  input(file: string): string {
    let base = this.byFile.get(file);
    if (base === undefined) {
      const plain = basename(file).replace(/[^A-Za-z0-9._-]/g, '_') || 'input';
      base = plain;
      for (let k = 2; this.used.has(base); k++) base = `${plain}~${k}`;
      this.used.add(base);
      this.byFile.set(file, base);
    }
    return base;
  }

  name(place: MessagePlace): string {
    return `${this.input(place.file)}.${place.position}`;
  }
}

/** Creates an output folder, and clears the temporaries a crashed run left in it. */
function prepareDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    removeStaleTemporaries(dir);
  } catch (error) {
    throw new CrosswalkError('RUN_OUTPUT_DIR', `The folder cannot be created or read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { file: dir });
  }
}

/** One line about a failure with its code, sentence and place, never the message content. */
function failureLine(failure: Failure): string {
  const { code, message, where } = failure.error;
  return new CrosswalkError(code, message, { ...where, file: failure.place.file, ...(failure.place.position > 0 ? { message: failure.place.position } : {}) }).toString();
}

export interface SinkOptions {
  stdout: Writable;
  stderr: Writable;
  /** One file per output instead of NDJSON on stdout. */
  outDir?: string;
  /** One report (and the message text) per failure; otherwise a line per failure on stderr. */
  errorsDir?: string;
  /** The extension of a failed message's copy (`hl7` by default; `json`, `csv` for those inputs), so it can be run again. */
  textExtension?: string;
}

/**
 * Outputs to NDJSON on stdout or one file each in --out; failures to --errors (a JSON report
 * plus the message text, so it can be replayed) or one line each on stderr. Every file is written
 * atomically: a crash leaves no half-written output. A rerun into the same folders leaves one
 * outcome per message (see PreviousOutcomes).
 */
export function createRunSink(options: SinkOptions): RunSink {
  const names = new PlaceNames();
  const lines = options.outDir === undefined ? new LineWriter(options.stdout) : undefined;
  if (options.outDir !== undefined) prepareDir(options.outDir);
  if (options.errorsDir !== undefined) prepareDir(options.errorsDir);
  const previous = new PreviousOutcomes(options.outDir, options.errorsDir, options.textExtension);
  // Outcomes arrive in input order, so the first outcome of another input completes the one before.
  let current: { file: string; messages: number } | undefined;
  const reached = (place: MessagePlace): void => {
    if (current !== undefined && current.file !== place.file) previous.finished(names.input(current.file), current.messages);
    if (current?.file !== place.file) current = { file: place.file, messages: 0 };
    current.messages = Math.max(current.messages, place.position);
  };
  return {
    async output(place, json) {
      reached(place);
      previous.mapped(names.input(place.file), place.position);
      if (lines) await lines.line(json);
      else writeFileAtomic(join(options.outDir as string, outcomeFile.output(names.name(place))), `${json}\n`);
    },
    async failure(failure) {
      reached(failure.place);
      if (failure.place.position > 0) previous.failed(names.input(failure.place.file), failure.place.position);
      if (options.errorsDir === undefined) {
        options.stderr.write(`crosswalk run: ${failureLine(failure)}\n`);
        return;
      }
      const name = failure.place.position > 0 ? names.name(failure.place) : `${names.input(failure.place.file)}.input`;
      const report = {
        file: failure.place.file,
        message: failure.place.position > 0 ? failure.place.position : undefined,
        line: failure.place.line,
        offset: failure.place.offset,
        error: failure.error,
        issues: failure.issues,
        output: failure.output === undefined ? undefined : parseJson(failure.output),
      };
      if (failure.input !== undefined) writeFileAtomic(join(options.errorsDir, outcomeFile.text(name, options.textExtension)), failure.input);
      writeFileAtomic(join(options.errorsDir, outcomeFile.report(name)), `${writeJson(report, 2)}\n`);
    },
    async close(complete) {
      // An interrupted run may not have reached the end of its last input: keep that input's files.
      if (complete && current !== undefined) previous.finished(names.input(current.file), current.messages);
      current = undefined;
      await lines?.flush();
    },
  };
}
