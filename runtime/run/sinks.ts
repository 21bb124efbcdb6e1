import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { writeFileAtomic } from '../../shared/node/studio/files/writeFileAtomic';
import { LineWriter } from '../io/index';
import type { Failure, MessagePlace, RunSink } from './RunSink';

/** Output file names: `<input file name>.<message position>`, made unique when two inputs share a name. */
class PlaceNames {
  private readonly byFile = new Map<string, string>();
  private readonly used = new Set<string>();

  name(place: MessagePlace): string {
    let base = this.byFile.get(place.file);
    if (base === undefined) {
      const plain = basename(place.file).replace(/[^A-Za-z0-9._-]/g, '_') || 'input';
      base = plain;
      for (let k = 2; this.used.has(base); k++) base = `${plain}~${k}`;
      this.used.add(base);
      this.byFile.set(place.file, base);
    }
    return `${base}.${place.position}`;
  }
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CrosswalkError('RUN_OUTPUT_DIR', `The folder cannot be created (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { file: dir });
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
}

/**
 * Outputs to NDJSON on stdout or one file each in --out; failures to --errors (a JSON report
 * plus the message text, so it can be replayed) or one line each on stderr. Every file is written
 * atomically: a crash leaves no half-written output.
 */
export function createRunSink(options: SinkOptions): RunSink {
  const names = new PlaceNames();
  const lines = options.outDir === undefined ? new LineWriter(options.stdout) : undefined;
  if (options.outDir !== undefined) ensureDir(options.outDir);
  if (options.errorsDir !== undefined) ensureDir(options.errorsDir);
  return {
    async output(place, json) {
      if (lines) await lines.line(json);
      else writeFileAtomic(join(options.outDir as string, `${names.name(place)}.json`), `${json}\n`);
    },
    async failure(failure) {
      if (options.errorsDir === undefined) {
        options.stderr.write(`crosswalk run: ${failureLine(failure)}\n`);
        return;
      }
      const name = failure.place.position > 0 ? names.name(failure.place) : `${names.name({ ...failure.place, position: 0 })}.input`;
      const report = {
        file: failure.place.file,
        message: failure.place.position > 0 ? failure.place.position : undefined,
        line: failure.place.line,
        offset: failure.place.offset,
        error: failure.error,
        issues: failure.issues,
        output: failure.output === undefined ? undefined : JSON.parse(failure.output) as unknown,
      };
      if (failure.input !== undefined) writeFileAtomic(join(options.errorsDir, `${name}.hl7`), failure.input);
      writeFileAtomic(join(options.errorsDir, `${name}.error.json`), `${JSON.stringify(report, null, 2)}\n`);
    },
    async close() {
      await lines?.flush();
    },
  };
}
