import { CrosswalkError } from '../errors/CrosswalkError';
import type { Delimiters } from './Delimiters';
import { decodeHex } from './hexEscape';

/**
 * HL7 v2 escape sequences. `\F\ \S\ \T\ \R\ \E\` stand for the delimiters and are decoded to
 * them; `\Xhh..\` hex data is decoded to the text its bytes are in the message's character set
 * (hexEscape.ts: `\XE9\` is é in 8859/1, `\XC3A9\` in UTF-8). Every other recognized sequence
 * (`\P\` truncation, `\H\ \N\` highlighting, `\.br\` and the other formatting commands,
 * `\Cxxyy\ \Mxxyyzz\` character sets, `\Z..\` local) stays verbatim in the decoded value: it is
 * markup a person can read and the mapping may pass on, and keeping it makes the value survive a
 * round trip. encodeValue keeps those sequences as they are and escapes every other escape
 * character (a value's own `\X41\` too), so decodeValue(encodeValue(v)) === v for every v
 * without a line break. A CR or LF cannot be written into a value (it would end the segment and no
 * escape decodes back to it): encodeValue refuses it with HL7_BAD_VALUE; write `\.br\` instead.
 */

function isHex(text: string, from: number, to: number): boolean {
  if (to <= from || (to - from) % 2 !== 0) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Is text[from, to) (between two escape characters) a sequence that stays verbatim? */
function isVerbatimSequence(text: string, from: number, to: number): boolean {
  const len = to - from;
  if (len === 0) return false;
  const first = text.charCodeAt(from);
  switch (first) {
    case 72: // H
    case 78: // N
    case 80: // P
      return len === 1;
    case 46: { // . formatting command: .br .sp .fi .nf .in .ti .sk .ce with optional signed number
      if (len < 3) return false;
      for (let i = from + 1; i < to; i++) {
        const c = text.charCodeAt(i);
        const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45;
        if (!ok) return false;
      }
      return true;
    }
    case 67: // C single-byte character set
    case 77: // M multi-byte character set
      return isHex(text, from + 1, to);
    case 90: // Z locally defined: anything but delimiters (already split away) and the escape char
      return len >= 1;
    default:
      return false;
  }
}

/** The delimiter a one-letter escape stands for, or undefined. */
function delimiterFor(letter: number, d: Delimiters): string | undefined {
  switch (letter) {
    case 70: return d.field; // F
    case 83: return d.component; // S
    case 84: return d.subcomponent; // T
    case 82: return d.repetition; // R
    case 69: return d.escape; // E
    default: return undefined;
  }
}

/** Decode one leaf's raw text (no separators in it). An escape character that starts no known sequence is kept as is. */
export function decodeValue(raw: string, d: Delimiters): string {
  const esc = d.escape;
  let start = raw.indexOf(esc);
  if (start === -1) return raw;
  let out = '';
  let copied = 0;
  while (start !== -1) {
    const end = raw.indexOf(esc, start + 1);
    if (end === -1) break;
    if (end === start + 2) {
      const delim = delimiterFor(raw.charCodeAt(start + 1), d);
      if (delim !== undefined) {
        out += raw.slice(copied, start) + delim;
        copied = end + 1;
        start = raw.indexOf(esc, copied);
        continue;
      }
    }
    if (raw.charCodeAt(start + 1) === 88 && isHex(raw, start + 2, end)) { // X: hex data
      out += raw.slice(copied, start) + decodeHex(raw.slice(start + 2, end), d.hex);
      copied = end + 1;
      start = raw.indexOf(esc, copied);
      continue;
    }
    if (isVerbatimSequence(raw, start + 1, end)) {
      // Kept verbatim: skip past it so its closing escape is not read as an opening one.
      start = raw.indexOf(esc, end + 1);
      continue;
    }
    // An escape character that opens nothing: it is data; the next one may open a sequence.
    start = end;
  }
  return copied === 0 ? raw : out + raw.slice(copied);
}

/** Encode a value for one leaf: delimiters and stray escape characters escaped, verbatim sequences kept. */
export function encodeValue(value: string, d: Delimiters): string {
  let needs = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === d.escape || ch === d.field || ch === d.component || ch === d.repetition || ch === d.subcomponent || ch === '\r' || ch === '\n') {
      needs = true;
      break;
    }
  }
  if (!needs) return value;
  const esc = d.escape;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const ch = value[i];
    if (ch === esc) {
      const end = value.indexOf(esc, i + 1);
      if (end !== -1 && isVerbatimSequence(value, i + 1, end) && !containsDelimiter(value, i + 1, end, d)) {
        out += value.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      out += esc + 'E' + esc;
    } else if (ch === d.field) out += esc + 'F' + esc;
    else if (ch === d.component) out += esc + 'S' + esc;
    else if (ch === d.subcomponent) out += esc + 'T' + esc;
    else if (ch === d.repetition) out += esc + 'R' + esc;
    else if (ch === '\r' || ch === '\n') {
      throw new CrosswalkError('HL7_BAD_VALUE', 'A value cannot contain a line break in HL7 v2; use the \\.br\\ formatting escape instead.');
    }
    else out += ch;
    i++;
  }
  return out;
}

function containsDelimiter(text: string, from: number, to: number, d: Delimiters): boolean {
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === d.field || ch === d.component || ch === d.repetition || ch === d.subcomponent || ch === '\r' || ch === '\n') return true;
  }
  return false;
}

/** How decodeFormattedText writes its result. */
export interface FormattedTextOptions {
  /** The message's escape character (MSH-2's third); `\` by default. */
  escape?: string;
  /** Markdown (FHIR `markdown`, Annotation.text): a line ends in two spaces (a hard break) and highlighting is bold. */
  markdown?: boolean;
}

/** One formatting command, as HL7 v2 chapter 2 ("Formatted text") writes them: `.br`, `.sp 2`, `.in +4`, `H`, `N`. */
const FORMAT_COMMAND = /^(\.(?:br|fi|nf|ce)|\.(?:sp|in|ti|sk) *[+-]?\d{0,6}|H|N)$/;

/** Signed and unsigned counts: `+4`/`-2` move the current indent, `4` sets it (as troff, where HL7 took these from). */
function indentAfter(argument: string, current: number): number {
  const n = Number(argument);
  if (!Number.isFinite(n)) return current;
  return Math.max(0, Math.min(120, /^[+-]/.test(argument) ? current + n : n));
}

/**
 * The plain text an FT value's formatting commands stand for (HL7 v2 chapter 2, "Formatted
 * text"; TX and CF carry the highlighting ones). The codec keeps the commands verbatim in decoded
 * values (decodeValue), so a mapping decides where they become text. `lines` is the value, or its
 * repetitions, each of which is a line (an absent one a blank line):
 * - `\.br\` ends the line; `\.sp n\` ends it and skips to n lines down (`\.sp\` is `\.br\`,
 *   as chapter 2 says for compatibility); `\.ce\` ends it (centring has no plain-text form);
 * - `\.in n\` indents this and later lines by n spaces (`+n`/`-n` relative), `\.ti n\` this line
 *   only, `\.sk n\` writes n spaces; `\.fi\` and `\.nf\` (word wrap on/off) change nothing here;
 * - `\H\` and `\N\` (highlight on/off) are dropped, or bold in markdown;
 * - other escape sequences (`\Xhh\`, `\Zxx\`) are left as they are.
 * Trailing spaces of each line and blank lines at the start and end are removed (chapter 2's TX
 * rule). Counts are capped (at most 100 skipped lines, 120 spaces), so a command cannot blow up
 * the output. A sender's escaped `\E\.br\E\` decodes to the same text as a command and is read as
 * one: the decoded value cannot tell them apart.
 */
export function decodeFormattedText(lines: string | readonly (string | null | undefined)[], options: FormattedTextOptions = {}): string {
  const esc = options.escape ?? '\\';
  const markdown = options.markdown === true;
  const out: string[] = [];
  let line = '';
  let started = false; // a printable character on the current line (an indent counts from before it)
  let indent = 0;
  let temporary: number | undefined;
  let bold = false;
  const text = (s: string): void => {
    if (s === '') return;
    if (!started) {
      line += ' '.repeat(temporary ?? indent);
      started = true;
    }
    line += s;
  };
  const endLine = (): void => {
    out.push(line);
    line = '';
    started = false;
    temporary = undefined;
  };
  const items = typeof lines === 'string' ? [lines] : lines;
  items.forEach((item, index) => {
    if (index > 0) endLine();
    const value = item ?? '';
    let at = 0;
    while (at < value.length) {
      const open = value.indexOf(esc, at);
      if (open === -1) {
        text(value.slice(at));
        break;
      }
      const close = value.indexOf(esc, open + esc.length);
      const command = close === -1 ? '' : value.slice(open + esc.length, close);
      if (close === -1 || !FORMAT_COMMAND.test(command)) {
        // Not a formatting command: the escape character is text, and may open the next sequence.
        text(value.slice(at, open + esc.length));
        at = open + esc.length;
        continue;
      }
      text(value.slice(at, open));
      at = close + esc.length;
      const name = command.slice(0, 3);
      const argument = command.slice(3).trim();
      if (command === 'H' || command === 'N') {
        if (markdown && (command === 'H') !== bold) {
          text('**');
          bold = !bold;
        }
      } else if (name === '.br' || name === '.ce') endLine();
      else if (name === '.sp') {
        const n = argument === '' ? 1 : Math.min(100, Math.max(1, Number(argument)));
        for (let i = 0; i < n; i++) endLine();
      } else if (name === '.sk') text(' '.repeat(Math.min(120, Math.max(0, Number(argument) || 0))));
      else if (name === '.in') {
        indent = indentAfter(argument, indent);
      } else if (name === '.ti') temporary = indentAfter(argument, indent);
    }
  });
  if (bold) text('**');
  out.push(line);
  const trimmed = out.map((l) => l.trimEnd());
  let first = 0;
  let last = trimmed.length;
  while (first < last && trimmed[first] === '') first++;
  while (last > first && trimmed[last - 1] === '') last--;
  const kept = trimmed.slice(first, last);
  if (!markdown) return kept.join('\n');
  // A markdown line break needs two trailing spaces; a blank line already separates paragraphs.
  return kept.map((l, i) => (i < kept.length - 1 && l !== '' && kept[i + 1] !== '' ? `${l}  ` : l)).join('\n');
}
