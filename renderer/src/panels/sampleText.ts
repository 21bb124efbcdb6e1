import { decodeHl7Text } from '../../../shared/common/hl7v2';

/** ER7 as users paste it: CR or LF terminated; Monaco shows one segment per line either way. */
export function toEditorText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The sample keeps the segment terminator it came with (HL7's CR, or the LF/CRLF of a file):
 * resource ids are derived from the exact message text, so the preview must see the same bytes
 * the runtime will. Monaco itself only knows LF and CRLF.
 */
function terminatorOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  if (text.includes('\r')) return '\r';
  if (text.includes('\n')) return '\n';
  return '\r';
}

export function fromEditorText(value: string, original: string): string {
  const terminator = terminatorOf(original);
  return value.replace(/\r\n|\r|\n/g, terminator);
}

/**
 * The text of a sample file, read the way `crosswalk run` reads it (one implementation,
 * decodeHl7Text): each message in the character set its MSH-18 names (UTF-8 when empty), line
 * terminators kept. Throws HL7_ENCODING (naming the byte offset) or HL7_CHARSET_UNSUPPORTED rather
 * than showing mis-decoded text.
 */
export function sampleFileText(bytes: Uint8Array, name: string): string {
  return decodeHl7Text(bytes, { file: name, decoders: (label) => new TextDecoder(label, { fatal: true, ignoreBOM: true }) });
}
