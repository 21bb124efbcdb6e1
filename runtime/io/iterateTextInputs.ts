import type { InputFormat } from '../../shared/common/mapping/input/inputFormat';
import { readInputs, type InputItem } from '../../shared/common/mapping/input/readInputs';
import { firstInvalidUtf8, invalidUtf8Error } from '../../shared/common/mapping/input/utf8Input';

/** One message of a JSON or CSV input file: what readInputs gives, its byte offset, and its bytes to write out for a replay. */
export interface TextInputItem {
  item: InputItem;
  /** Byte offset of the message in the file (as HL7 v2 inputs report it). */
  byteOffset: number;
  /** The message alone, as it can be run again: an NDJSON line, a CSV row under its header, the whole document. */
  bytes: Uint8Array;
}

/** The length in UTF-8 bytes of text[from, to). */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();

/**
 * The messages of one JSON or CSV input, from its bytes: decoded as UTF-8 (a byte-order mark
 * skipped), then read by the mapping's input format. Bytes that are not UTF-8 fail the whole input
 * with INPUT_ENCODING and their byte offset, since no message boundary can be trusted past them.
 */
export function* iterateTextInputs(bytes: Uint8Array, format: InputFormat, options: { file: string; ndjson: boolean }): Generator<TextInputItem> {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const error = invalidUtf8Error(bad, options.file);
    yield { item: { position: 1, line: 1, offset: 0, end: 0, error }, byteOffset: bad, bytes };
    return;
  }
  // The byte-order mark stays in the text (the readers skip it), so character and byte offsets line up from 0.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let char = 0;
  let byte = 0;
  for (const item of readInputs(format, text, { file: options.file, ndjson: options.ndjson })) {
    // Messages come in text order, so each offset costs only the text since the last one.
    byte = item.offset >= char ? byte + utf8Length(text, char, item.offset) : utf8Length(text, 0, item.offset);
    char = item.offset;
    const own = text.slice(item.offset, item.end);
    const replay = item.head ? text.slice(item.head.offset, item.head.end) + own : own;
    yield { item, byteOffset: byte, bytes: encoder.encode(replay) };
  }
}
