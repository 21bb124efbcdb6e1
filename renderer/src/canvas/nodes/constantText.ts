import { parseJson } from '../../../../shared/common/json/parseJson';
import { writeJson } from '../../../../shared/common/json/writeJson';

/** How a constant's value is typed in a field: a string as it is, anything else as JSON. */
export function constantText(value: unknown): string {
  return typeof value === 'string' ? value : writeJson(value);
}

/** A constant's value from what was typed: text as typed, or JSON when it reads as a number, true/false, null, an object or a list. */
export function constantFromText(text: string): unknown {
  // parseJson keeps a decimal as typed (`1.50`), as the bundle file will.
  if (/^\s*[[{0-9tfn-]/.test(text)) {
    try { return parseJson(text); } catch { return text; }
  }
  return text;
}
