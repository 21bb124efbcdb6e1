/**
 * Bytes of an input to text. UTF-16 is recognized by its byte-order mark (some Windows tools save
 * it). UTF-8 is the norm; HL7 v2 feeds that are not valid UTF-8 are almost
 * always ISO-8859-1 (MSH-18 `8859/1`), which maps every byte to one character, so nothing is lost
 * and offsets stay one character per byte. The BOM is kept: the codec skips it.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: latin1.decode(bytes), encoding: 'latin1' };
  }
}
