import { decodeFormattedText } from '../../hl7v2/escape';
import type { FunctionDefinition } from '../FunctionDefinition';
import { list } from '../util/values';

/**
 * One repetition as text. A text field has no components, so a `^` or `&` a sender left
 * unescaped split the value: the parts are put back together with them (never dropped).
 */
function repetitionText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!Array.isArray(value)) return undefined;
  const parts = value.map((part) => (Array.isArray(part) ? part.map((s) => (typeof s === 'string' ? s : '')).join('&') : typeof part === 'string' ? part : ''));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('^');
}

/**
 * HL7 formatted text (FT, and TX with formatting) keeps its formatting commands in the decoded
 * value (the codec leaves `\.br\` etc. verbatim so they survive a round trip). A FHIR string has
 * no markup, so commands become the plain text they stand for (hl7v2/escape.ts#decodeFormattedText),
 * and every repetition is a line.
 */
export const formattedText: FunctionDefinition = {
  id: 'string.formattedText',
  category: 'string',
  label: 'Formatted text → plain text',
  description: 'Turns HL7 formatted text (FT/TX, e.g. OBX-5 report lines or NTE-3) into plain text: each repetition is a line (an empty one a blank line); `\\.br\\` → line break, `\\.sp n\\` → n line breaks, `\\.in n\\`/`\\.ti n\\` indent, `\\.sk n\\` → n spaces, `\\.ce\\` → line break; `\\.fi\\ \\.nf\\` and highlighting `\\H\\ \\N\\` are dropped (bold in markdown). Trailing white space on each line and blank lines around the text are removed. `commands` false keeps the commands as sent and only joins the lines (ST). A component or subcomponent separator the sender left unescaped is written back as `^`/`&`.',
  inputs: [{ name: 'value', type: 'string', many: true, description: 'The decoded FT/TX value, or its repetitions.' }],
  output: { type: 'string', description: 'Plain text (or markdown).' },
  params: [
    { name: 'format', type: 'enum', options: ['text', 'markdown'], default: 'text', description: 'markdown: lines end in a hard break (two spaces) and highlighting is bold, for FHIR markdown elements such as Annotation.text.' },
    { name: 'commands', type: 'boolean', default: true, description: 'Read the formatting commands (FT, TX); false keeps them as sent (ST, where HL7 defines none).' },
  ],
  examples: [
    { inputs: { value: 'Critical Values Entered \\.br\\Performed On: 08/22/2023' }, output: 'Critical Values Entered\nPerformed On: 08/22/2023' },
    { inputs: { value: 'Result:\\.sp 2\\\\H\\HIGH\\N\\ see note\\.sk 3\\end' }, output: 'Result:\n\nHIGH see note   end' },
    { inputs: { value: '\\.br\\\\.br\\' }, output: undefined },
    { inputs: { value: ['Impression:', undefined, '\\.in 2\\1. No acute disease.', '2. Stable.'] }, output: 'Impression:\n\n  1. No acute disease.\n  2. Stable.' },
    { inputs: { value: ['Line one', '\\H\\Line two\\N\\'] }, params: { format: 'markdown' }, output: 'Line one  \n**Line two**' },
    { inputs: { value: ['a\\.br\\b', 'c'] }, params: { commands: false }, output: 'a\\.br\\b\nc' },
    { inputs: { value: [['Called Dr. Smith', 'team']] }, output: 'Called Dr. Smith^team' },
  ],
  apply(inputs, params) {
    const lines = list(inputs.value).map(repetitionText);
    if (lines.every((l) => l === undefined)) return undefined;
    // Without commands, an escape character no decoded value can hold (a CR ends a segment) reads none.
    const out = decodeFormattedText(lines, { markdown: params.format === 'markdown', ...(params.commands === false ? { escape: '\r' } : {}) });
    return out === '' ? undefined : out;
  },
};
