import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import { locateJsonError } from './locateJsonError';
import { positionAt } from './textPosition';

/** How deep objects and arrays may nest in an input document (the readers and the id key walk it). */
export const MAX_JSON_DEPTH = 256;

/**
 * One JSON value from text (`text.slice(start, end)`, a byte-order mark skipped). Malformed text
 * is JSON_INVALID and nesting past MAX_JSON_DEPTH is JSON_TOO_DEEP, each one sentence with the
 * line and column (counted from `line` at `start`) and the character offset, never quoting the
 * text. JSON.parse does the work; the grammar is only walked again to explain a refusal.
 */
export function parseJsonText(text: string, where: ErrorLocation = {}, start = 0, end = text.length, line = 1): unknown {
  const from = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  let value: unknown;
  try {
    value = JSON.parse(from === 0 && end === text.length ? text : text.slice(from, end));
  } catch {
    const found = locateJsonError(text, from, end);
    const offset = found.offset < 0 ? from : found.offset;
    const at = positionAt(text, offset, start, line);
    throw new CrosswalkError('JSON_INVALID', `The JSON is not valid at line ${at.line}, column ${at.column}: ${found.reason}.`, { ...where, line: at.line, column: at.column, offset });
  }
  const depth = depthBeyond(value, MAX_JSON_DEPTH);
  if (depth) {
    const at = positionAt(text, from, start, line);
    throw new CrosswalkError('JSON_TOO_DEEP', `The JSON nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`, { ...where, line: at.line, column: at.column, offset: from });
  }
  return value;
}

/** Whether a parsed value nests deeper than `limit`, found without recursion. */
function depthBeyond(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
    } else {
      for (const key in node as Record<string, unknown>) {
        const item = (node as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
      }
    }
  }
  return false;
}
