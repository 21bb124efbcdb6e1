/**
 * A test case's message as the file keeps it (one array item per segment) and as the engine reads
 * it (segments joined by CR). Line ends, a trailing terminator, a BOM and MLLP framing are not part
 * of a message's content: the engine's ids are keyed on the normalized text, so the output is
 * the same either way.
 */
export function testInputLines(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '').replace(/^\u000b/, '').replace(/\u001c\r?$/, '');
  const lines = body.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function testInputText(input: string | readonly string[]): string {
  return typeof input === 'string' ? input : input.join('\r');
}
