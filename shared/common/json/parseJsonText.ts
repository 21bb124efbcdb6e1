import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { locateJsonError } from './locateJsonError';
import { parseJson } from './parseJson';
import { positionAt } from './textPosition';

/** How deep objects and arrays may nest in an input document (the readers and the id key walk it). */
export const MAX_JSON_DEPTH = 256;

/**
 * One JSON value from text (`text.slice(start, end)`, a byte-order mark skipped), read by
 * parseJson: a number whose text a JavaScript number would not write back the same (`120.0`,
 * `0.040`) is a Decimal keeping that text, so a JSON source's decimals reach the output as sent.
 * Malformed text is JSON_INVALID and nesting past MAX_JSON_DEPTH is JSON_TOO_DEEP, each one
 * sentence with the line and column (counted from `line` at `start`) and the character offset,
 * never quoting the text.
 */
export function parseJsonText(text: string, where: ErrorLocation = {}, start = 0, end = text.length, line = 1): unknown {
  const from = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  try {
    return parseJson(from === 0 && end === text.length ? text : text.slice(from, end), { maxDepth: MAX_JSON_DEPTH });
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    if (error.code === 'JSON_TOO_DEEP') {
      const at = positionAt(text, from, start, line);
      throw new CrosswalkError('JSON_TOO_DEEP', `The JSON nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`, { ...where, line: at.line, column: at.column, offset: from });
    }
    // The parser says where it stopped; the grammar walk says why, in words that quote nothing.
    const found = locateJsonError(text, from, end);
    const offset = found.offset < 0 ? from : found.offset;
    const at = positionAt(text, offset, start, line);
    throw new CrosswalkError('JSON_INVALID', `The JSON is not valid at line ${at.line}, column ${at.column}: ${found.reason}.`, { ...where, line: at.line, column: at.column, offset });
  }
}
