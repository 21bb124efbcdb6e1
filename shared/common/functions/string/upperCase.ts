import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const upperCase: FunctionDefinition = {
  id: 'string.upperCase',
  category: 'string',
  label: 'Upper case',
  description: 'Converts text to upper case (locale independent).',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The text in upper case.' },
  examples: [{ inputs: { value: "O'Brien" }, output: "O'BRIEN" }, { inputs: {}, output: undefined }],
  apply(inputs) {
    return text(inputs.value)?.toUpperCase();
  },
};
