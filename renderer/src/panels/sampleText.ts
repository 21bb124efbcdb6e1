import { decodeHl7Text } from '../../../shared/common/hl7v2';
import type { InputFormat } from '../../../shared/common/mapping/input/inputFormat';
import { firstInvalidUtf8, invalidUtf8Error } from '../../../shared/common/mapping/input/utf8Input';

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
 * The text of a sample file, read the way `crosswalk run` reads it for the mapping's input format:
 * HL7 v2 by decodeHl7Text, each message in the character set its MSH-18 names (UTF-8 when empty);
 * JSON and CSV as UTF-8 (a byte-order mark dropped). Line terminators are kept. Throws
 * HL7_ENCODING, HL7_CHARSET_UNSUPPORTED or INPUT_ENCODING (naming the byte offset) rather than
 * showing mis-decoded text.
 */
export function sampleFileText(bytes: Uint8Array, name: string, format: InputFormat['standard'] = 'hl7v2'): string {
  if (format === 'hl7v2') return decodeHl7Text(bytes, { file: name, decoders: (label) => new TextDecoder(label, { fatal: true, ignoreBOM: true }) });
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw invalidUtf8Error(bad, name);
  return new TextDecoder('utf-8').decode(bytes);
}

/** What the sample editor calls a mapping's samples and which files it offers to load. */
export function sampleKind(format: InputFormat['standard']): { language: 'hl7v2' | 'json' | 'plaintext'; extension: string; accept: string; noun: string } {
  if (format === 'json') return { language: 'json', extension: 'json', accept: '.json,.ndjson,.jsonl,.txt,application/json', noun: 'a JSON document' };
  if (format === 'csv') return { language: 'plaintext', extension: 'csv', accept: '.csv,.tsv,.txt,text/csv', noun: 'CSV with its header row' };
  return { language: 'hl7v2', extension: 'hl7', accept: '.hl7,.er7,.txt,text/plain', noun: 'an HL7 v2 message' };
}
