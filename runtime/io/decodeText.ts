/**
 * Bytes of an input to text. UTF-8 is the norm; HL7 v2 feeds that are not valid UTF-8 are almost
 * always ISO-8859-1 (MSH-18 `8859/1`), which maps every byte to one character, so nothing is lost
 * and offsets stay one character per byte. The BOM is kept: the codec skips it.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'latin1';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: latin1.decode(bytes), encoding: 'latin1' };
  }
}
