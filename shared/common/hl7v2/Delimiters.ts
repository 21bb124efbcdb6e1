import type { HexCharset } from './hexEscape';

/**
 * The separators of one message, read from MSH-1 (field) and MSH-2 (component, repetition,
 * escape, subcomponent, and from v2.7 on an optional truncation character). The truncation
 * character marks a value cut short; it is data, never a separator.
 */
export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7 truncation character (5th character of MSH-2), or undefined when MSH-2 has 4. */
  truncation?: string;
  /**
   * What `\Xhh…\` hex escapes decode in: MSH-18's character set, set when the message has one
   * (UTF-8 when absent). Escapes are decoded with the separators, so it travels with them.
   */
  hex?: HexCharset;
}

/** The delimiters nearly every sender uses: `|^~\&`. */
export const DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
});

/** MSH-2 as it is written for these delimiters (`^~\&`, or `^~\&#` with a truncation character). */
export function encodingCharacters(d: Delimiters): string {
  return d.component + d.repetition + d.escape + d.subcomponent + (d.truncation ?? '');
}

/**
 * Why a delimiter set is invalid, or undefined when it is valid: every delimiter one character,
 * all distinct, and none a letter, digit, space, control character or double quote (those would
 * be ambiguous with data, the segment terminator or the explicit null `""`).
 */
export function delimiterProblem(d: Delimiters): string | undefined {
  const all = [d.field, d.component, d.repetition, d.escape, d.subcomponent];
  if (d.truncation !== undefined) all.push(d.truncation);
  for (const ch of all) {
    if (ch.length !== 1) return 'every delimiter must be exactly one character';
    const code = ch.charCodeAt(0);
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (alnum || code <= 32 || code === 127) return 'delimiters cannot be letters, digits, spaces or control characters';
    if (ch === '"') return 'the double quote cannot be a delimiter because "" is the explicit null';
  }
  if (new Set(all).size !== all.length) return 'the delimiters must all be different';
  return undefined;
}
