/** A place in a text: 1-based line and column (in UTF-16 units, as editors and JavaScript count them). */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The line and column of a character offset, counting from `start` (at line `line`): a line ends
 * at LF, CRLF or a lone CR, as the readers of every input format split lines.
 */
export function positionAt(text: string, offset: number, start = 0, line = 1): TextPosition {
  let lineStart = start;
  for (let i = start; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
