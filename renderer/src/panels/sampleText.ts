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
