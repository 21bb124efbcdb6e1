import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const length: FunctionDefinition = {
  id: 'string.length',
  category: 'string',
  label: 'Length',
  description: 'The number of characters of a text; 0 when absent. E.g. PID-7 longer than 8 characters carries a time of birth (the birthTime extension).',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'number', description: 'Its length in characters.' },
  examples: [
    { inputs: { value: '198808181126' }, output: 12 },
    { inputs: { value: 'Zoë' }, output: 3 },
    { inputs: {}, output: 0 },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    return value === undefined ? 0 : [...value].length;
  },
};
