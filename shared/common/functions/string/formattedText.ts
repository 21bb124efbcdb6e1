import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

/**
 * HL7 formatted text (FT, and TX with formatting) keeps its formatting commands in the decoded
 * value (the codec leaves `\.br\` etc. verbatim so they survive a round trip). A FHIR string has
 * no markup, so commands become the plain text they stand for.
 */
const COMMAND = /\\(\.br|\.sp(?: *[+-]?\d+)?|\.fi|\.nf|\.in *[+-]?\d+|\.ti *[+-]?\d+|\.sk *[+-]?\d+|\.ce|H|N)\\/g;

function plain(command: string): string {
  if (command === '.br') return '\n';
  if (command.startsWith('.sp')) {
    const n = Number(command.slice(3).trim() || '1');
    return '\n'.repeat(Number.isFinite(n) && n > 0 ? Math.min(n, 100) : 1);
  }
  if (command.startsWith('.sk')) {
    const n = Number(command.slice(3).trim());
    return ' '.repeat(Number.isFinite(n) && n > 0 ? Math.min(n, 100) : 1);
  }
  if (command === '.ce') return '\n';
  return ''; // .fi .nf .in .ti and highlighting \H\ \N\ change layout, not text
}

export const formattedText: FunctionDefinition = {
  id: 'string.formattedText',
  category: 'string',
  label: 'Formatted text → plain text',
  description: 'Turns HL7 formatted text (FT/TX, e.g. OBX-5 report lines) into plain text for a FHIR string: `\\.br\\` → line break, `\\.sp n\\` → n line breaks, `\\.sk n\\` → n spaces, `\\.ce\\` → line break; `\\.fi\\ \\.nf\\ \\.in\\ \\.ti\\` and highlighting `\\H\\ \\N\\` are dropped. Trailing white space on each line is removed.',
  inputs: [{ name: 'value', type: 'string', description: 'The decoded FT/TX value.' }],
  output: { type: 'string', description: 'Plain text.' },
  examples: [
    { inputs: { value: 'Critical Values Entered \\.br\\Performed On: 08/22/2023' }, output: 'Critical Values Entered\nPerformed On: 08/22/2023' },
    { inputs: { value: 'Result:\\.sp 2\\\\H\\HIGH\\N\\ see note\\.sk 3\\end' }, output: 'Result:\n\nHIGH see note   end' },
    { inputs: { value: '\\.br\\\\.br\\' }, output: undefined },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    const out = value.replace(COMMAND, (_m, command: string) => plain(command)).split('\n').map((line) => line.trimEnd()).join('\n').trim();
    return out === '' ? undefined : out;
  },
};
