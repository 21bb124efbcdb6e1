import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { iterateHl7Batch, parseHl7 } from '../../hl7v2';
import { parseJsonText } from '../../json/parseJsonText';
import { positionAt } from '../../json/textPosition';
import type { InputFormat } from './inputFormat';
import type { MappingInput } from './MappingInput';
import { jsonInput } from './MappingInput';
import { readCsvInputs } from './readCsvInputs';

/** Where one message of an input text is. */
export interface InputPlace {
  /** 1-based position of the message in the input. */
  position: number;
  /** 1-based line it starts on. */
  line: number;
  /** Character offsets: `text.slice(offset, end)` is the message as written. */
  offset: number;
  end: number;
  /** A CSV row message: the header record's range, written before the row when it is copied out to be replayed. */
  head?: { offset: number; end: number };
}

/** One message of an input text: the value to map, or why it cannot be read. */
export type InputItem = InputPlace & ({ input: MappingInput; error?: undefined } | { error: CrosswalkError; input?: undefined });

export interface ReadInputOptions {
  /** Added to every error's location. */
  file?: string;
  /** JSON: one document per line (NDJSON, JSON Lines) instead of one document. */
  ndjson?: boolean;
}

/**
 * The messages of an input text, one at a time, as the mapping's input format reads them: HL7 v2
 * messages (back to back, batches, MLLP), one JSON document, NDJSON lines, or CSV rows (or the
 * whole CSV file as one message). Every problem is an item with its error (code, one sentence, line
 * and column), and the items after it are still read where the format allows: a bad NDJSON line or
 * CSV row fails alone. The one reader of message text: the runtime, its library, bundle tests and
 * the preview all read through it.
 */
export function* readInputs(format: InputFormat, text: string, options: ReadInputOptions = {}): Generator<InputItem> {
  const where: ErrorLocation = options.file === undefined ? {} : { file: options.file };
  if (format.standard === 'hl7v2') {
    for (const item of iterateHl7Batch(text, options.file === undefined ? {} : { file: options.file })) {
      const place = { position: item.position, line: item.line, offset: item.offset, end: item.end };
      yield item.error ? { ...place, error: item.error } : { ...place, input: item.message };
    }
    return;
  }
  if (format.standard === 'csv') {
    yield* readCsvInputs(format, text, where);
    return;
  }
  if (!options.ndjson) {
    const first = firstNonBlank(text, 0, text.length);
    const line = positionAt(text, first).line;
    try {
      yield { position: 1, line, offset: first, end: text.length, input: jsonInput(parseJsonText(text, where)) };
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      yield { position: 1, line, offset: first, end: text.length, error };
    }
    return;
  }
  yield* readNdjson(text, where);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

function firstNonBlank(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** One JSON value per line; blank lines are skipped, and a line that does not parse fails alone. */
function* readNdjson(text: string, where: ErrorLocation): Generator<InputItem> {
  let position = 0;
  let line = 1;
  let start = 0;
  while (start < text.length) {
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    if (firstNonBlank(text, start, end) < end) {
      position++;
      const place = { position, line, offset: start, end: Math.min(stop + 1, text.length) };
      try {
        yield { ...place, input: jsonInput(parseJsonText(text, where, start, end, line)) };
      } catch (error) {
        if (!(error instanceof CrosswalkError)) throw error;
        yield { ...place, error };
      }
    }
    start = stop + 1;
    line++;
  }
  if (position === 0) {
    yield { position: 1, line: 1, offset: 0, end: text.length, error: new CrosswalkError('JSON_EMPTY', 'The input holds no JSON line.', { ...where, line: 1, column: 1 }) };
  }
}

/**
 * The one message of a text (a test case's input, a preview sample): the first error, or
 * INPUT_MULTIPLE_MESSAGES when it holds more than one, unless `first` takes the first of several
 * (the preview of a CSV sample maps its first row).
 */
export function readOneInput(format: InputFormat, text: string, options: { first?: boolean } = {}): MappingInput {
  if (format.standard === 'hl7v2' && !options.first) return parseHl7(text);
  const items = readInputs(format, text);
  const first = items.next().value as InputItem;
  if (first.error !== undefined) throw first.error;
  if (!options.first) {
    const second = items.next();
    if (!second.done) {
      let count = 2;
      while (!items.next().done) count++;
      throw new CrosswalkError('INPUT_MULTIPLE_MESSAGES', `The text holds ${count} messages where one was expected.`, { message: 2, line: second.value.line, offset: second.value.offset });
    }
  }
  return first.input;
}
