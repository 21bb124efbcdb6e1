const BOM = '\uFEFF';
const MLLP_START = '\x0b';
const MLLP_END = '\x1c';

/**
 * A test case's message as the file keeps it (one array item per segment) and as the engine reads
 * it (segments joined by CR). Line ends, a trailing terminator, a BOM and MLLP framing are not part
 * of a message's content: the engine's ids are keyed on the normalized text, so the output is
 * the same either way.
 */
export function testInputLines(text: string): string[] {
  let body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.startsWith(MLLP_START)) body = body.slice(1);
  if (body.endsWith(`${MLLP_END}\r`)) body = body.slice(0, -2);
  else if (body.endsWith(MLLP_END)) body = body.slice(0, -1);
  const lines = body.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function testInputText(input: string | readonly string[]): string {
  return typeof input === 'string' ? input : input.join('\r');
}
