import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { charsetOf, DEFAULT_CHARSET, type Hl7Charset } from './hl7Charsets';
import { controlCharacterError, iterateHl7Batch, iterateLines, readChunk, readDelimiters, type Chunk, type Hl7BatchItem, type Hl7ParseOptions, type Line } from './parseHl7';

/** The part of a TextDecoder used here. */
export interface Hl7TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * Makes a decoder for a WHATWG encoding label that throws on bytes not valid in it; on Node and in
 * browsers `(label) => new TextDecoder(label, { fatal: true, ignoreBOM: true })`. The host passes
 * it in because shared/common names no platform API.
 */
export type Hl7DecoderFactory = (label: string) => Hl7TextDecoder;

export interface Hl7BytesOptions extends Hl7ParseOptions {
  decoders: Hl7DecoderFactory;
  /**
   * Optional: bytes to a string of one character per byte (ISO 8859-1), if the host has a faster
   * way than the loop here (Node: Buffer#latin1Slice, about 5 times faster).
   */
  latin1?: (bytes: Uint8Array) => string;
}

/**
 * An item read from bytes. `offset` and `end` count bytes of the input; `bytes` are the message's
 * own bytes as they are in the input (a UTF-16 message gets the file's byte-order mark), to be
 * written out and read again without loss.
 */
export type Hl7ByteItem = Hl7BatchItem & { bytes: Uint8Array };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** A byte of 0x80 or more, in a byte string. */
const HIGH_BYTE = /[\x80-\xff]/;
const ESC = '\x1b';

const hasUtf8Bom = (bytes: Uint8Array): boolean => UTF8_BOM.every((b, i) => bytes[i] === b);
const utf16Label = (bytes: Uint8Array): string | undefined =>
  bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;

/** One character per byte (ISO 8859-1), so offsets in the string are byte offsets. */
function latin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  // fromCharCode takes a plain array about twice as fast as a typed one.
  const codes: number[] = new Array<number>(4096);
  for (let i = 0; i < bytes.length; i += 4096) {
    const n = Math.min(4096, bytes.length - i);
    codes.length = n;
    for (let k = 0; k < n; k++) codes[k] = bytes[i + k];
    parts.push(String.fromCharCode.apply(null, codes));
  }
  return parts.join('');
}

/**
 * Where a decoder first refuses the bytes: the start of the first sequence that is not valid. The
 * shortest refused prefix is found by bisection, decoding as a stream (a sequence cut by the end of
 * a prefix is not refused yet); the faulty sequence starts after the longest complete prefix before
 * that point. Only runs on the error path.
 */
function firstInvalidByte(bytes: Uint8Array, make: () => Hl7TextDecoder): number {
  const fits = (end: number, stream: boolean): boolean => {
    try {
      make().decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  if (!fits(hi, true)) {
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (fits(mid, true)) lo = mid;
      else hi = mid;
    }
  }
  for (let j = hi - 1; j >= Math.max(0, hi - 8); j--) if (fits(j, false)) return j;
  return Math.max(0, hi - 1);
}

function encodingError(offset: number, charset: Hl7Charset, where: ErrorLocation): CrosswalkError {
  const source = charset === DEFAULT_CHARSET ? 'the character set used when MSH-18 is empty' : 'the character set MSH-18 declares';
  return new CrosswalkError('HL7_ENCODING', `At byte offset ${offset} the input is not valid ${charset.name}, ${source}; the message is not read.`, { ...where, offset });
}

/**
 * Reads the chunks of a byte input: each message's MSH-18 names its character set, and its lines
 * are decoded in that set (or refused: HL7_ENCODING at the first byte that does not fit,
 * HL7_CHARSET_UNSUPPORTED for a set that cannot be read). One message's bytes never change how
 * another is read.
 */
class ByteReader {
  /** The input, one character per byte: the batch splitter's structure characters are all ASCII. */
  readonly text: string;
  private readonly decoders = new Map<string, Hl7TextDecoder>();
  private readonly fileWhere: ErrorLocation;
  /** MSH-18 as written → its character set: a file's messages mostly say the same. */
  private readonly declared = new Map<string, ReturnType<typeof charsetOf>>();
  /** The character set each item was read in, kept only for decodeHl7Text. */
  readonly charsets: WeakMap<Hl7BatchItem, Hl7Charset> | undefined;
  private readonly highBytes = new RegExp(HIGH_BYTE.source, 'g');
  /** Where the next byte of 0x80 or more is, from `highFrom` on (text.length when there is none). */
  private nextHigh = -1;
  private highFrom = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: Hl7BytesOptions,
    readonly start: number,
    keepCharsets = false,
  ) {
    this.fileWhere = options.file === undefined ? {} : { file: options.file };
    this.text = (options.latin1 ?? latin1)(bytes);
    this.charsets = keepCharsets ? new WeakMap() : undefined;
  }

  /**
   * True when the bytes from start to end are all ASCII (and hold no ESC for an ISO 2022 set): then
   * every ASCII-compatible set reads them as they are. Ranges come in file order, so one scan of
   * the file, remembered from range to range, answers every range.
   */
  private plain(start: number, end: number, escapes: boolean): boolean {
    if (start < this.highFrom || this.nextHigh < start) {
      this.highBytes.lastIndex = start;
      this.nextHigh = this.highBytes.exec(this.text)?.index ?? this.text.length;
    }
    this.highFrom = start;
    if (this.nextHigh < end) return false;
    if (!escapes) return true;
    const esc = this.text.indexOf(ESC, start);
    return esc === -1 || esc >= end;
  }

  decoder(label: string): Hl7TextDecoder {
    let decoder = this.decoders.get(label);
    if (decoder === undefined) {
      decoder = this.options.decoders(label);
      this.decoders.set(label, decoder);
    }
    return decoder;
  }

  /**
   * The character set a chunk's MSH-18 names, its HL7_CHARSET_UNSUPPORTED error, or undefined when
   * there is no MSH. MSH-18 is found without checking MSH-1/MSH-2 (the parser does that next);
   * only before refusing a set are they checked, so a broken MSH is reported as that.
   */
  private charsetOf(chunk: Chunk): Hl7Charset | CrosswalkError | undefined {
    if (chunk.orphan) return undefined;
    const msh = chunk.lines[0];
    const raw = msh18(msh.text);
    if (raw === '') return DEFAULT_CHARSET;
    let charset = this.declared.get(raw);
    if (charset === undefined) {
      charset = charsetOf(raw.split(msh.text[5]));
      this.declared.set(raw, charset);
    }
    if (!('unreadable' in charset)) return charset;
    try {
      readDelimiters(msh, chunk.lines.length === 1);
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      return undefined;
    }
    return new CrosswalkError('HL7_CHARSET_UNSUPPORTED', `${charset.unreadable}.`, {
      ...this.fileWhere, message: chunk.place.position, segment: 1, segmentId: 'MSH', field: 18, offset: msh.offset, line: msh.line,
    });
  }

  read(chunk: Chunk): Hl7BatchItem {
    const charset = this.charsetOf(chunk);
    if (charset instanceof CrosswalkError) return { ...chunk.place, end: chunk.end, error: charset };
    if (charset === undefined) return readChunk(chunk, this.fileWhere);
    const lines = chunk.error === undefined ? this.decodeLines(chunk, charset) : chunk.lines;
    let item = lines instanceof CrosswalkError ? { ...chunk.place, end: chunk.end, error: lines } : readChunk(chunk, this.fileWhere, lines);
    const segment = item.error?.code === 'HL7_BINARY' && lines !== chunk.lines ? item.error.where.segment : undefined;
    if (segment !== undefined) {
      // Found in a decoded line, so its offset counted characters: find it again in the bytes.
      const control = controlCharacterError(chunk.lines[segment - 1], segment, charset.kind === 'decoder' && charset.escapes === true);
      if (control !== undefined) item = { ...chunk.place, end: chunk.end, error: control.at({ ...this.fileWhere, message: chunk.place.position }) };
    }
    this.charsets?.set(item, charset);
    return item;
  }

  /** The chunk's lines as text in `charset`; offsets and line numbers stay those of the bytes. */
  private decodeLines(chunk: Chunk, charset: Hl7Charset): Line[] | CrosswalkError {
    if (charset.kind === 'latin1') return chunk.lines;
    const escapes = charset.kind === 'decoder' && charset.escapes === true;
    // Most messages are plain ASCII: one native scan of the message, and its lines stand as they are.
    if (this.plain(chunk.place.offset, chunk.end, escapes)) return chunk.lines;
    let out: Line[] | undefined;
    for (let i = 0; i < chunk.lines.length; i++) {
      const line = chunk.lines[i];
      if (this.plain(line.offset, line.offset + line.text.length, escapes)) continue;
      const where = (index: number): ErrorLocation => ({
        ...this.fileWhere, message: chunk.place.position, segment: i + 1, segmentId: line.text.slice(0, 3), field: fieldAt(line.text, index), line: line.line,
      });
      if (charset.kind === 'ascii') {
        const index = this.nextHigh - line.offset;
        return encodingError(this.nextHigh, charset, where(index));
      }
      const bytes = this.bytes.subarray(line.offset, line.offset + line.text.length);
      let text: string;
      try {
        text = this.decoder(charset.label).decode(bytes);
      } catch {
        const index = firstInvalidByte(bytes, () => this.options.decoders(charset.label));
        return encodingError(line.offset + index, charset, where(index));
      }
      out ??= chunk.lines.slice();
      out[i] = { ...line, text };
    }
    return out ?? chunk.lines;
  }

  /** The bytes from `start` to `end` as text in `charset`, terminators as they are (for an editor). */
  decodeRange(start: number, end: number, charset: Hl7Charset): string {
    if (charset.kind === 'latin1' || this.plain(start, end, charset.kind === 'decoder' && charset.escapes === true)) return this.text.slice(start, end);
    const bytes = this.bytes.subarray(start, end);
    if (charset.kind === 'ascii') throw encodingError(start + (HIGH_BYTE.exec(this.text.slice(start, end)) as RegExpExecArray).index, charset, this.fileWhere);
    try {
      return this.decoder(charset.label).decode(bytes);
    } catch {
      throw encodingError(start + firstInvalidByte(bytes, () => this.options.decoders(charset.label)), charset, this.fileWhere);
    }
  }
}

/** MSH-18 as written, repetitions and all, found by counting separators from MSH-1 ('' when absent). */
function msh18(text: string): string {
  const separator = text[3];
  if (separator === undefined) return '';
  let pos = 3;
  // The separator at 3 opens MSH-2; the 17th one opens MSH-18.
  for (let k = 2; k <= 17 && pos !== -1; k++) pos = text.indexOf(separator, pos + 1);
  if (pos === -1) return '';
  const end = text.indexOf(separator, pos + 1);
  return text.slice(pos + 1, end === -1 ? text.length : end);
}

/** The field a character of a segment's text is in, counted as the standard does (MSH-1 is the separator). */
function fieldAt(text: string, index: number): number {
  const separator = text[3];
  let count = 0;
  for (let i = 3; i < index; i++) if (text[i] === separator) count++;
  return text.startsWith('MSH') ? count + 1 : count;
}

/** HL7_ENCODING for a UTF-16 file whose bytes are not valid UTF-16. */
function utf16Error(input: Uint8Array, label: string, options: Hl7BytesOptions): CrosswalkError {
  const offset = firstInvalidByte(input, () => options.decoders(label));
  return new CrosswalkError('HL7_ENCODING', `At byte offset ${offset} the input is not valid UTF-16, the character set its byte-order mark declares; the file is not read.`, {
    ...(options.file === undefined ? {} : { file: options.file }), offset,
  });
}

/** A file that starts with a UTF-16 byte-order mark is UTF-16 throughout: decoded whole, its offsets doubled into bytes. */
function* readUtf16(input: Uint8Array, label: string, options: Hl7BytesOptions): Generator<Hl7ByteItem> {
  let text: string;
  try {
    text = options.decoders(label).decode(input);
  } catch {
    yield { position: 1, offset: 0, line: 1, end: input.length, error: utf16Error(input, label, options), bytes: input };
    return;
  }
  const bom = input.subarray(0, 2);
  for (const item of iterateHl7Batch(text, options)) {
    const offset = item.offset * 2;
    const end = item.end * 2;
    const bytes = new Uint8Array(2 + end - offset);
    bytes.set(bom);
    bytes.set(input.subarray(offset, end), 2);
    const error = item.error?.where.offset === undefined ? item.error : new CrosswalkError(item.error.code, item.error.message, { ...item.error.where, offset: item.error.where.offset * 2 });
    yield { ...item, offset, end, bytes, ...(error !== undefined ? { error } : {}) } as Hl7ByteItem;
  }
}

/** The items of a byte input that is not UTF-16, each given its own bytes (a view, not a copy). */
function* readItems(reader: ByteReader, input: Uint8Array, options: Hl7BytesOptions): Generator<Hl7ByteItem> {
  for (const item of iterateLines(reader.text, options, reader.start, (chunk) => reader.read(chunk))) {
    const withBytes = item as Hl7ByteItem;
    withBytes.bytes = input.subarray(item.offset, item.end);
    yield withBytes;
  }
}

const startOf = (input: Uint8Array): number => (hasUtf8Bom(input) ? 3 : 0);

/**
 * Split bytes into HL7 v2 messages and parse each one, decoding each message in the character set
 * its own MSH-18 declares (UTF-8 when empty; see hl7Charsets). Messages are found in the bytes by the
 * rules of parseHl7Batch (MSH starts, FHS/BHS/BTS/FTS envelopes, MLLP frames): those structure
 * bytes are ASCII, so this is safe for every ASCII-compatible set. A message whose bytes do not fit
 * its set is an HL7_ENCODING item naming the byte offset, and the other messages are read as if it
 * were not there. A file that starts with a UTF-16 byte-order mark is decoded whole (MSH-18 is not
 * consulted). Offsets are byte offsets in the input, also those of segments inside a message,
 * except in UTF-16 files, where segments count UTF-16 code units.
 */
export function* iterateHl7Bytes(input: Uint8Array, options: Hl7BytesOptions): Generator<Hl7ByteItem> {
  const utf16 = utf16Label(input);
  if (utf16 !== undefined) {
    yield* readUtf16(input, utf16, options);
    return;
  }
  yield* readItems(new ByteReader(input, options, startOf(input)), input, options);
}

/**
 * The text of a byte input with each message decoded in its own character set, line terminators
 * and everything between messages (envelopes, blank lines, MLLP bytes; read as UTF-8) kept as they
 * are, a byte-order mark dropped: what an editor shows. Throws the first HL7_ENCODING or
 * HL7_CHARSET_UNSUPPORTED; other errors are left for the parser to report on the text.
 */
export function decodeHl7Text(input: Uint8Array, options: Hl7BytesOptions): string {
  const utf16 = utf16Label(input);
  if (utf16 !== undefined) {
    try {
      return options.decoders(utf16).decode(input.subarray(2));
    } catch {
      throw utf16Error(input, utf16, options);
    }
  }
  const reader = new ByteReader(input, options, startOf(input), true);
  const pieces: string[] = [];
  let pos = reader.start;
  for (const item of readItems(reader, input, options)) {
    const charset = reader.charsets?.get(item);
    if (item.error?.code === 'HL7_ENCODING' || item.error?.code === 'HL7_CHARSET_UNSUPPORTED') throw item.error;
    if (item.end <= item.offset) continue;
    pieces.push(reader.decodeRange(pos, item.offset, DEFAULT_CHARSET), reader.decodeRange(item.offset, item.end, charset ?? DEFAULT_CHARSET));
    pos = item.end;
  }
  pieces.push(reader.decodeRange(pos, input.length, DEFAULT_CHARSET));
  return pieces.join('');
}
