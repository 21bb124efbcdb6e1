import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileError } from '../../shared/node/studio/files/fileError';

/**
 * The outcome files of a run, named `<input name>.<position>`: a message's output
 * (`.json` in --out), or its failure report and text (`.error.json`, and `.hl7`, `.json` or
 * `.csv` as the bundle's inputs are, in --errors);
 * position `input` is a failure of the whole input (it could not be read).
 */
export const outcomeFile = {
  output: (name: string): string => `${name}.json`,
  report: (name: string): string => `${name}.error.json`,
  text: (name: string, extension = 'hl7'): string => `${name}.${extension}`,
};

// The input name is everything before the last `.<position>.<kind>`, so each file name parses one way.
const OUTPUT = /^(.+)\.(\d+)\.json$/;
const FAILURE = /^(.+)\.(\d+|input)\.(?:error\.json|hl7|json|csv)$/;

interface Left {
  /** The highest message position with a file. */
  last: number;
  /** Positions with failure files: usually few, and checked for every message that maps. */
  failures: Set<number>;
  /** A whole-input failure report is there. */
  input: boolean;
}

function remove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    throw fileError(error, path, 'removed');
  }
}

function listFolder(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  try {
    return readdirSync(dir);
  } catch (error) {
    throw fileError(error, dir, 'read');
  }
}

/**
 * What earlier runs left in --out and --errors, read once when a run starts, so that a rerun
 * leaves exactly one outcome per message: writing a message's outcome removes its other
 * outcome, and an input that now has fewer messages loses the files of the positions it no
 * longer has. Only names of the inputs this run maps are touched; nothing else in the folders.
 */
export class PreviousOutcomes {
  private readonly left = new Map<string, Left>();

  constructor(
    private readonly outDir: string | undefined,
    private readonly errorsDir: string | undefined,
    /** The extension of failed messages' copies: `hl7`, `json` or `csv`, as the bundle reads. */
    private readonly textExtension = 'hl7',
  ) {
    const note = (input: string, position: string, failure: boolean): void => {
      const entry = this.left.get(input) ?? { last: 0, failures: new Set<number>(), input: false };
      if (position === 'input') entry.input = true;
      else {
        entry.last = Math.max(entry.last, Number(position));
        if (failure) entry.failures.add(Number(position));
      }
      this.left.set(input, entry);
    };
    for (const file of listFolder(outDir)) {
      const m = OUTPUT.exec(file);
      if (m) note(m[1], m[2], false);
    }
    for (const file of listFolder(errorsDir)) {
      const m = FAILURE.exec(file);
      if (m) note(m[1], m[2], true);
    }
  }

  /** Before a message's output is written: its failure of an earlier run goes. */
  mapped(input: string, position: number): void {
    if (this.errorsDir === undefined || this.left.get(input)?.failures.has(position) !== true) return;
    const name = `${input}.${position}`;
    remove(join(this.errorsDir, outcomeFile.report(name)));
    remove(join(this.errorsDir, outcomeFile.text(name, this.textExtension)));
  }

  /** Before a message's failure is written: its output of an earlier run goes. */
  failed(input: string, position: number): void {
    const left = this.left.get(input);
    if (this.outDir === undefined || left === undefined || position > left.last) return;
    remove(join(this.outDir, outcomeFile.output(`${input}.${position}`)));
  }

  /**
   * An input was mapped to its end with `messages` messages (0: it failed as a whole): the
   * outcomes of later positions belong to an older version of it, and so does a whole-input
   * failure if it now had messages.
   */
  finished(input: string, messages: number): void {
    const left = this.left.get(input);
    if (left === undefined) return;
    this.left.delete(input);
    for (let position = messages + 1; position <= left.last; position++) {
      const name = `${input}.${position}`;
      if (this.outDir !== undefined) remove(join(this.outDir, outcomeFile.output(name)));
      if (this.errorsDir !== undefined) {
        remove(join(this.errorsDir, outcomeFile.report(name)));
        remove(join(this.errorsDir, outcomeFile.text(name, this.textExtension)));
      }
    }
    if (messages > 0 && left.input && this.errorsDir !== undefined) {
      remove(join(this.errorsDir, outcomeFile.report(`${input}.input`)));
      remove(join(this.errorsDir, outcomeFile.text(`${input}.input`, this.textExtension)));
    }
  }
}
