import type { FunctionDefinition } from '../FunctionDefinition';
import { component } from '../util/components';

export const codeFromCwe: FunctionDefinition = {
  id: 'code.codeFromCwe',
  category: 'code',
  label: 'CWE → code',
  description: 'The code of a CWE per the IG\'s CWE[code] map: CWE.1, or CWE.4 when CWE.1 is not valued. Link it to a value map to translate it.',
  inputs: [{ name: 'cwe', type: 'v2composite', description: 'The CWE/ID/IS field.' }],
  output: { type: 'code', description: 'The code.' },
  examples: [
    { inputs: { cwe: ['F', 'Final', 'HL70085'] }, output: 'F' },
    { inputs: { cwe: [undefined, undefined, undefined, 'ALT'] }, output: 'ALT' },
    { inputs: { cwe: 'M' }, output: 'M' },
  ],
  apply(inputs) {
    return component(inputs.cwe, 1)?.trim() || component(inputs.cwe, 4)?.trim() || undefined;
  },
};
