import { CrosswalkError } from '../errors/CrosswalkError';
import { charsetOf } from './hl7Charsets';

/**
 * How the bytes of a `\Xhh…\` hex escape become text: in the character set the message declares
 * (MSH-18; UTF-8 when it is empty), which the standard says the hex data is in. ASCII, ISO
 * 8859/1 and UTF-8 are decoded here (this folder names no platform decoder); for another set
 * the hex data cannot be read, which is an error rather than text left undecoded.
 */
export interface HexCharset {
  /** As MSH-18 names it (`UNICODE UTF-8`), for error sentences. */
  name: string;
  kind: 'ascii' | 'latin1' | 'utf-8' | 'unsupported';
}

/** What a hex escape decodes in when nothing is declared (MSH-18 empty, or a message built in code). */
export const DEFAULT_HEX_CHARSET: HexCharset = { name: 'UNICODE UTF-8', kind: 'utf-8' };

/** The hex reading of a message whose MSH-18 holds these repetitions (as written). */
export function hexCharsetOf(repetitions: readonly string[]): HexCharset {
  const charset = charsetOf(repetitions);
  if ('unreadable' in charset) return { name: repetitions.join('~').trim(), kind: 'unsupported' };
  if (charset.kind === 'ascii' || charset.kind === 'latin1') return { name: charset.name, kind: charset.kind };
  return { name: charset.name, kind: charset.label === 'utf-8' ? 'utf-8' : 'unsupported' };
}

/**
 * The text of a hex escape's digits (`C3A9` of `\XC3A9\`, an even number of them) in its
 * message's character set. Refused, with a sentence that quotes no data: bytes not valid in the
 * set (HL7_HEX_INVALID), a control character other than tab, CR and LF (HL7_HEX_INVALID: it is
 * not text), or a set this codec cannot decode hex data in (HL7_HEX_CHARSET).
 */
export function decodeHex(digits: string, charset: HexCharset = DEFAULT_HEX_CHARSET): string {
  const bytes: number[] = new Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  let text: string | undefined;
  switch (charset.kind) {
    case 'ascii': text = bytes.every((b) => b < 0x80) ? String.fromCharCode(...bytes) : undefined; break;
    case 'latin1': text = String.fromCharCode(...bytes); break;
    case 'utf-8': text = utf8(bytes); break;
    default:
      throw new CrosswalkError('HL7_HEX_CHARSET', `A hex escape (\\X..\\) cannot be read in the character set MSH-18 declares (${charset.name.slice(0, 40)}): hex data is read in ASCII, 8859/1 and UTF-8 only.`);
  }
  if (text === undefined) {
    throw new CrosswalkError('HL7_HEX_INVALID', `A hex escape (\\X..\\) holds bytes that are not valid ${charset.kind === 'ascii' ? 'ASCII' : 'UTF-8'}, the character set of the message (MSH-18).`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) {
    throw new CrosswalkError('HL7_HEX_INVALID', 'A hex escape (\\X..\\) decodes to a control character, which is not text.');
  }
  return text;
}

/** Strict UTF-8: no overlong forms, surrogates, code points past U+10FFFF or cut sequences; undefined if any. */
function utf8(bytes: readonly number[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i];
    let need: number;
    let point: number;
    let least: number;
    if (first < 0x80) { out += String.fromCharCode(first); i++; continue; }
    if (first >= 0xc2 && first <= 0xdf) { need = 1; point = first & 0x1f; least = 0x80; }
    else if (first >= 0xe0 && first <= 0xef) { need = 2; point = first & 0x0f; least = 0x800; }
    else if (first >= 0xf0 && first <= 0xf4) { need = 3; point = first & 0x07; least = 0x10000; }
    else return undefined;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return undefined;
      point = (point << 6) | (next & 0x3f);
    }
    if (point < least || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
    out += String.fromCodePoint(point);
    i += need + 1;
  }
  return out;
}
