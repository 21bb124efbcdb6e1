/**
 * How the bytes of a message in a character set of HL7 table 0211 (MSH-18) become text:
 * - `ascii`: 7-bit only, a byte of 0x80 or more is an error;
 * - `latin1`: ISO 8859-1, one character per byte (U+0000–U+00FF), nothing to check;
 * - `decoder`: a WHATWG encoding label for the host's TextDecoder, which refuses bytes that are
 *   not valid in it. `escapes` marks ISO 2022 sets switched by ESC sequences inside a line.
 */
export type Hl7Charset =
  | { name: string; kind: 'ascii' }
  | { name: string; kind: 'latin1' }
  | { name: string; kind: 'decoder'; label: string; escapes?: boolean };

type Decoding = { kind: 'ascii' } | { kind: 'latin1' } | { kind: 'decoder'; label: string; escapes?: boolean };

const utf8: Decoding = { kind: 'decoder', label: 'utf-8' };
const iso2022jp: Decoding = { kind: 'decoder', label: 'iso-2022-jp', escapes: true };

/** Table 0211 values that can be read, keyed by their upper-case spelling. */
const READABLE: Record<string, Decoding> = {
  ASCII: { kind: 'ascii' },
  '8859/1': { kind: 'latin1' },
  '8859/2': { kind: 'decoder', label: 'iso-8859-2' },
  '8859/3': { kind: 'decoder', label: 'iso-8859-3' },
  '8859/4': { kind: 'decoder', label: 'iso-8859-4' },
  '8859/5': { kind: 'decoder', label: 'iso-8859-5' },
  '8859/6': { kind: 'decoder', label: 'iso-8859-6' },
  '8859/7': { kind: 'decoder', label: 'iso-8859-7' },
  '8859/8': { kind: 'decoder', label: 'iso-8859-8' },
  // WHATWG reads the iso-8859-9 label as windows-1254, its superset (the same for 0xA0–0xFF).
  '8859/9': { kind: 'decoder', label: 'iso-8859-9' },
  '8859/15': { kind: 'decoder', label: 'iso-8859-15' },
  // JIS X 0201 and JIS X 0208, switched in and out by ISO 2022 escape sequences.
  'ISO IR14': iso2022jp,
  'ISO IR87': iso2022jp,
  'GB 18030-2000': { kind: 'decoder', label: 'gb18030' },
  // KS X 1001 as it is sent in practice: EUC-KR (ASCII plus two-byte Hangul and Hanja).
  'KS X 1001': { kind: 'decoder', label: 'euc-kr' },
  'BIG-5': { kind: 'decoder', label: 'big5' },
  // "UNICODE" (ISO/IEC 10646, before the UTF-n values existed): in a file whose segments are
  // readable byte by byte, the only Unicode form it can be is UTF-8.
  UNICODE: utf8,
  'UNICODE UTF-8': utf8,
  // Not a table value, but what many senders write; its meaning is not in doubt.
  'UTF-8': utf8,
};

/** Table 0211 values that cannot be read, with the reason. */
const UNREADABLE: Record<string, string> = {
  'ISO IR159': 'JIS X 0212 has no decoder in this runtime',
  'CNS 11643-1992': 'CNS 11643 has no decoder in this runtime',
  'UNICODE UTF-16': 'UTF-16 is read only from a file that starts with a UTF-16 byte-order mark',
  'UNICODE UTF-32': 'UTF-32 has no decoder in this runtime',
};

/** The character set when MSH-18 is empty. */
export const DEFAULT_CHARSET: Hl7Charset = { name: 'UNICODE UTF-8', kind: 'decoder', label: 'utf-8' };

const normalize = (value: string): string => value.trim().replace(/\s+/g, ' ').toUpperCase();

/** A value from a message, quoted for an error sentence: short and printable, never more. */
const quote = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * The character set MSH-18 declares, given its repetitions as written, or the sentence saying why
 * it cannot be read. Empty means the default, UTF-8. A repeated MSH-18 names alternate sets
 * switched to with ISO 2022 escapes; only the Japanese combination (ASCII or empty, then ISO IR14
 * and/or ISO IR87) is read, as ISO-2022-JP.
 */
export function charsetOf(repetitions: readonly string[]): Hl7Charset | { unreadable: string } {
  const values = repetitions.map(normalize);
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  if (values.length === 0 || (values.length === 1 && values[0] === '')) return DEFAULT_CHARSET;
  if (values.length > 1) {
    const japanese = values.every((v, i) => (i === 0 && (v === '' || v === 'ASCII')) || v === 'ISO IR14' || v === 'ISO IR87');
    if (japanese) return { name: repetitions.join('~'), ...iso2022jp } as Hl7Charset;
    return { unreadable: `MSH-18 lists several character sets (${quote(repetitions.join('~'))}) to switch between; only the Japanese ISO IR14 and ISO IR87 are read that way` };
  }
  const [value] = values;
  const decoding = READABLE[value];
  if (decoding !== undefined) return { name: value, ...decoding } as Hl7Charset;
  const why = UNREADABLE[value];
  if (why !== undefined) return { unreadable: `MSH-18 declares the character set ${quote(value)}, which cannot be read: ${why}` };
  return { unreadable: `MSH-18 declares the character set ${quote(repetitions[0].trim())}, which is not a value of HL7 table 0211` };
}
