import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { delimiterProblem, type Delimiters } from './Delimiters';
import { Hl7Message } from './Hl7Message';
import { Hl7Segment } from './Hl7Segment';
import { decodeValue } from './escape';
import { hexCharsetOf } from './hexEscape';

/** One message found in an input text, or the error that stopped it; nothing is dropped silently. */
export type Hl7BatchItem = Hl7BatchMessage | Hl7BatchError;

interface Hl7BatchPlace {
  /** 1-based position of the message in the input. */
  position: number;
  /** 0-based character offset of the message's first segment in the input. */
  offset: number;
  /** 1-based line of the message's first segment. */
  line: number;
  /**
   * 0-based offset just past the message's last segment and its terminator, so that
   * `input.slice(offset, end)` is the message as written (blank lines, envelope segments and MLLP
   * frame bytes around it are not part of it).
   */
  end: number;
}

export interface Hl7BatchMessage extends Hl7BatchPlace {
  message: Hl7Message;
  error?: undefined;
}

export interface Hl7BatchError extends Hl7BatchPlace {
  message?: undefined;
  error: CrosswalkError;
}

/** Options for where the text sits in a larger input, so error locations point at the real place. */
export interface Hl7ParseOptions {
  /** Name of the input (file), added to error locations. */
  file?: string;
}

const FRAME_END = '\x1c';
/** C0 control characters that never belong in ER7 text (TAB, LF and CR do; VT and FS only as MLLP framing). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point; one native scan per segment
const BINARY = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
// eslint-disable-next-line no-control-regex -- the same without ESC, which ISO 2022 character sets switch with
const BINARY_BUT_ESCAPE = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]/;
const ENVELOPE = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/** One line of the input. Exported for iterateHl7Bytes, which splits bytes with the same rules. */
export interface Line {
  text: string;
  offset: number;
  line: number;
  /** false for a last line that has no terminator (the text may be cut short). */
  terminated: boolean;
  /** Offset just past the line's terminator (past its text when an MLLP end byte follows it). */
  end: number;
}

/** The lines of one message (or of text outside any message) before they are parsed. */
export interface Chunk {
  place: Omit<Hl7BatchPlace, 'end'>;
  lines: Line[];
  error?: CrosswalkError;
  /** Lines that came before any MSH: reported as one error, never dropped. */
  orphan: boolean;
  end: number;
}

/** Turns a complete chunk into its item; iterateHl7Bytes decodes the lines before parsing them. */
export type ChunkReader = (chunk: Chunk) => Hl7BatchItem;

function isSegmentId(text: string, fieldSep: string | undefined): boolean {
  if (text.length < 3) return false;
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  const c = text.charCodeAt(2);
  const ok = a >= 65 && a <= 90 && ((b >= 65 && b <= 90) || (b >= 48 && b <= 57)) && ((c >= 65 && c <= 90) || (c >= 48 && c <= 57));
  if (!ok) return false;
  if (text.length === 3) return true;
  return fieldSep === undefined || text[3] === fieldSep;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Splits on CR, LF or CRLF one line at a time, remembering where each line starts. */
export class LineScanner {
  private pos: number;
  private lineNo = 1;
  private nextCr: number;
  private nextLf: number;

  /** `start` skips a byte-order mark: one character in text, three bytes of UTF-8 in a byte string. */
  constructor(
    private readonly text: string,
    start = text.charCodeAt(0) === 0xfeff ? 1 : 0,
  ) {
    this.pos = start;
    this.nextCr = text.indexOf('\r', this.pos);
    this.nextLf = text.indexOf('\n', this.pos);
  }

  next(): Line | undefined {
    const text = this.text;
    const pos = this.pos;
    if (pos >= text.length) return undefined;
    if (this.nextCr !== -1 && this.nextCr < pos) this.nextCr = text.indexOf('\r', pos);
    if (this.nextLf !== -1 && this.nextLf < pos) this.nextLf = text.indexOf('\n', pos);
    const cr = this.nextCr;
    const lf = this.nextLf;
    let end = cr === -1 ? lf : lf === -1 ? cr : cr < lf ? cr : lf;
    const terminated = end !== -1;
    if (end === -1) end = text.length;
    this.pos = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    const line: Line = { text: text.slice(pos, end), offset: pos, line: this.lineNo, terminated, end: Math.min(this.pos, text.length) };
    this.lineNo++;
    return line;
  }
}

/**
 * Groups lines into messages: an MSH starts one; envelope segments (FHS/BHS/BTS/FTS), the end of an
 * MLLP frame and the end of input close one. Lines before any MSH form one error item, never dropped.
 */
export class BatchSplitter {
  private current: Chunk | undefined;
  private inFrame = false;
  private count = 0;
  private readonly fileWhere: ErrorLocation;
  private readonly read: ChunkReader;

  constructor(
    private readonly text: string,
    options: Hl7ParseOptions,
    read?: ChunkReader,
  ) {
    this.fileWhere = options.file === undefined ? {} : { file: options.file };
    this.read = read ?? ((chunk) => readChunk(chunk, this.fileWhere));
  }

  private fail(chunk: Chunk, code: string, sentence: string, where: ErrorLocation): void {
    chunk.error ??= new CrosswalkError(code, sentence, { ...this.fileWhere, message: chunk.place.position, ...where });
  }

  private open(line: Line, orphan: boolean): Chunk {
    this.count++;
    return { place: { position: this.count, offset: line.offset, line: line.line }, lines: [], orphan, end: line.offset };
  }

  /** Close the open message, if any, and read it. */
  private close(out: Hl7BatchItem[]): void {
    const chunk = this.current;
    this.current = undefined;
    if (chunk === undefined) return;
    if (chunk.orphan) explainOrphan(chunk, (c, code, sentence, where) => this.fail(c, code, sentence, where));
    out.push(this.read(chunk));
  }

  /** Take one line; completed messages are appended to out. */
  push(raw: Line, out: Hl7BatchItem[]): void {
    let line = raw;
    if (line.text.charCodeAt(0) === 11) {
      if (this.inFrame && this.current !== undefined) {
        this.fail(this.current, 'HL7_TRUNCATED', 'The MLLP frame of this message has no end byte (0x1C) before the next frame starts.', { offset: line.offset, line: line.line });
      }
      this.close(out);
      this.inFrame = true;
      line = { ...line, text: line.text.slice(1), offset: line.offset + 1 };
    }
    let closes = false;
    if (line.text.endsWith(FRAME_END)) {
      closes = true;
      line = { ...line, text: line.text.slice(0, -1), end: line.offset + line.text.length - 1 };
    }
    if (!isBlank(line.text)) {
      const id = line.text.slice(0, 3);
      if (id === 'MSH') {
        this.close(out);
        this.current = this.open(line, false);
      } else if (ENVELOPE.has(id) && isSegmentId(line.text, undefined)) {
        this.close(out);
      } else if (this.current === undefined) {
        this.current = this.open(line, true);
      }
      if (this.current !== undefined) {
        this.current.lines.push(line);
        this.current.end = line.end;
      }
    }
    if (closes) {
      this.close(out);
      this.inFrame = false;
    }
  }

  /** The input has ended: close what is open; an empty input is an error, not an empty result. */
  end(out: Hl7BatchItem[]): void {
    if (this.inFrame && this.current !== undefined) {
      this.fail(this.current, 'HL7_TRUNCATED', 'The input ends inside an MLLP frame: the end byte (0x1C) is missing, so the message may be cut short.', { offset: this.text.length });
    }
    this.close(out);
    if (this.count === 0) {
      const error = new CrosswalkError('HL7_EMPTY', 'The input holds no HL7 v2 message.', { ...this.fileWhere, offset: 0, line: 1 });
      out.push({ position: 1, offset: 0, line: 1, end: 0, error });
    }
  }
}

/**
 * Split an input text into its messages and parse each one. Accepts messages back to back, in
 * FHS/BHS/BTS/FTS envelopes (envelope segments are not messages), MLLP-framed, with CR, LF or
 * CRLF terminators, a UTF-8 byte-order mark and blank lines. A message that cannot be parsed
 * becomes an error item in its place and the rest are still read.
 */
export function parseHl7Batch(text: string, options: Hl7ParseOptions = {}): Hl7BatchItem[] {
  return [...iterateLines(text, options)];
}

/**
 * The same as parseHl7Batch, one message at a time: each item is produced when its message is
 * complete, so a large file never holds every parsed message in memory at once.
 */
export function iterateHl7Batch(text: string, options: Hl7ParseOptions = {}): Generator<Hl7BatchItem> {
  return iterateLines(text, options);
}

/**
 * The batch loop: lines from `start` grouped into chunks, each chunk read into an item as soon as
 * it is complete. iterateHl7Bytes runs it over a byte string with its own reader, so bytes and text
 * are split by the same rules.
 */
export function* iterateLines(text: string, options: Hl7ParseOptions, start?: number, read?: ChunkReader): Generator<Hl7BatchItem> {
  const out: Hl7BatchItem[] = [];
  const scanner = new LineScanner(text, start);
  const splitter = new BatchSplitter(text, options, read);
  for (let line = scanner.next(); line !== undefined; line = scanner.next()) {
    splitter.push(line, out);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  splitter.end(out);
  yield* out;
}

/**
 * A chunk's item: its error, or its lines parsed into a message (`lines` may replace the chunk's
 * own, e.g. decoded from bytes; offsets and line numbers stay the chunk's).
 */
export function readChunk(chunk: Chunk, fileWhere: ErrorLocation, lines: Line[] = chunk.lines): Hl7BatchItem {
  const place = { ...chunk.place, end: chunk.end };
  if (chunk.error !== undefined) return { ...place, error: chunk.error };
  try {
    return { ...place, message: buildMessage(lines) };
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    return { ...place, error: error.at({ ...fileWhere, message: place.position }) };
  }
}

/** Text outside any message: binary garbage, or segments with no MSH before them. */
function explainOrphan(chunk: Chunk, fail: (chunk: Chunk, code: string, sentence: string, where: ErrorLocation) => void): void {
  for (const line of chunk.lines) {
    const binary = BINARY.exec(line.text);
    if (binary !== null) {
      fail(chunk, 'HL7_BINARY', 'The input holds binary data (control characters), not HL7 v2 text.', { offset: line.offset + binary.index, line: line.line });
      return;
    }
  }
  const first = chunk.lines[0];
  // Quote the start only when it is a segment id: anything else may be patient data.
  const next = first.text.charCodeAt(3);
  const looksLikeSegment = isSegmentId(first.text, undefined) && (first.text.length === 3 || !(next <= 32 || (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)));
  const start = looksLikeSegment ? `the segment ${first.text.slice(0, 3)}` : 'text that is not a segment';
  fail(chunk, 'HL7_NO_MSH', `A message must start with an MSH segment, but this one starts with ${start}.`, { segment: 1, offset: first.offset, line: first.line });
}

/** Read MSH-1 and MSH-2 into delimiters, or throw the reason they are unusable. */
export function readDelimiters(msh: Line, isLast: boolean): Delimiters {
  const where = (field: number): ErrorLocation => ({ segment: 1, segmentId: 'MSH', field, offset: msh.offset, line: msh.line });
  const cutShort = isLast && !msh.terminated;
  const t = msh.text;
  if (t.length < 4) {
    if (cutShort) throw new CrosswalkError('HL7_TRUNCATED', 'The input ends inside the MSH segment, before its field separator.', where(1));
    throw new CrosswalkError('HL7_BAD_ENCODING_CHARS', 'The MSH segment has no field separator (MSH-1).', where(1));
  }
  const field = t[3];
  const end = t.indexOf(field, 4);
  if (end === -1 && cutShort) throw new CrosswalkError('HL7_TRUNCATED', 'The input ends inside the MSH segment, within its encoding characters (MSH-2).', where(2));
  const enc = end === -1 ? t.slice(4) : t.slice(4, end);
  if (enc.length < 4 || enc.length > 5) {
    throw new CrosswalkError('HL7_BAD_ENCODING_CHARS', `MSH-2 must hold 4 encoding characters (component, repetition, escape, subcomponent), or 5 with the v2.7 truncation character, but it holds ${enc.length}.`, where(2));
  }
  const d: Delimiters = { field, component: enc[0], repetition: enc[1], escape: enc[2], subcomponent: enc[3] };
  if (enc.length === 5) d.truncation = enc[4];
  const problem = delimiterProblem(d);
  if (problem !== undefined) throw new CrosswalkError('HL7_BAD_ENCODING_CHARS', `MSH-1 and MSH-2 do not form a usable delimiter set: ${problem}.`, where(2));
  if (cutShort && t.split(field).length < 12) {
    throw new CrosswalkError('HL7_TRUNCATED', `The input ends inside the MSH segment, after MSH-${t.split(field).length}, before the version (MSH-12).`, where(t.split(field).length));
  }
  return d;
}

/**
 * HL7_BINARY for the first control character in a line (segment `segment` of its message), if any.
 * With `escapes`, ESC is allowed: ISO 2022 character sets switch with it, and the bytes are checked
 * before they are decoded.
 */
export function controlCharacterError(line: Line, segment: number, escapes = false): CrosswalkError | undefined {
  const found = (escapes ? BINARY_BUT_ESCAPE : BINARY).exec(line.text);
  if (found === null) return undefined;
  return new CrosswalkError('HL7_BINARY', 'The message holds binary data (control characters), not HL7 v2 text.', { segment, offset: line.offset + found.index, line: line.line });
}

function buildMessage(lines: Line[]): Hl7Message {
  const d = readDelimiters(lines[0], lines.length === 1);
  const segments: Hl7Segment[] = new Array(lines.length);
  const hexMark = `${d.escape}X`;
  let hex = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const control = controlCharacterError(line, i + 1);
    if (control !== undefined) throw control;
    if (!isSegmentId(line.text, d.field)) {
      throw new CrosswalkError('HL7_BAD_SEGMENT', 'This line does not start with a segment id (three capital letters or digits) followed by the field separator.', { segment: i + 1, offset: line.offset, line: line.line });
    }
    if (i > 0 && line.text.startsWith('MSH')) {
      throw new CrosswalkError('HL7_BAD_SEGMENT', 'A second MSH segment appeared inside one message.', { segment: i + 1, segmentId: 'MSH', offset: line.offset, line: line.line });
    }
    segments[i] = new Hl7Segment(line.text, d, line.text.slice(0, 3), line.offset, line.line);
    if (!hex && line.text.includes(hexMark)) hex = true;
  }
  if (hex) readHexEscapes(segments, d);
  return new Hl7Message(segments, d);
}

/**
 * A message with hex escapes: their character set is MSH-18's, and every one is decoded now, so
 * bytes that are not valid in it fail the message here, naming the segment and field (as bytes
 * that do not fit fail it with HL7_ENCODING), rather than wherever a value happens to be read.
 */
function readHexEscapes(segments: readonly Hl7Segment[], d: Delimiters): void {
  const charset = hexCharsetOf(segments[0].fieldRaw(18)?.split(d.repetition) ?? []);
  // UTF-8 is what an absent reading means; only another set is recorded.
  if (charset.kind !== 'utf-8') d.hex = charset;
  const hexMark = `${d.escape}X`;
  segments.forEach((segment, index) => {
    if (!segment.raw.includes(hexMark)) return;
    for (let n = segment.id === 'MSH' ? 3 : 1; n <= segment.fieldCount; n++) {
      const raw = segment.fieldRaw(n);
      if (raw === undefined || !raw.includes(hexMark)) continue;
      try {
        for (const rep of raw.split(d.repetition)) for (const comp of rep.split(d.component)) for (const leaf of comp.split(d.subcomponent)) decodeValue(leaf, d);
      } catch (error) {
        if (!(error instanceof CrosswalkError)) throw error;
        throw error.at({ segment: index + 1, segmentId: segment.id, field: n, offset: segment.offset, line: segment.line });
      }
    }
  });
}

/**
 * Parse a text holding exactly one message. Throws a CrosswalkError (with code, sentence and
 * location) when the text is not one readable message; use parseHl7Batch for files of many.
 */
export function parseHl7(text: string, options: Hl7ParseOptions = {}): Hl7Message {
  const items = parseHl7Batch(text, options);
  const first = items[0];
  if (first.error !== undefined) throw first.error;
  if (items.length > 1) {
    const second = items[1];
    throw new CrosswalkError('HL7_MULTIPLE_MESSAGES', `The text holds ${items.length} messages where one was expected; read it as a batch.`, { ...(options.file === undefined ? {} : { file: options.file }), message: 2, offset: second.offset, line: second.line });
  }
  return first.message;
}
