import type { FunctionDefinition } from '../FunctionDefinition';
import { isPresent, list } from '../util/values';

export const count: FunctionDefinition = {
  id: 'logic.count',
  category: 'logic',
  label: 'Count',
  description: 'How many of the values are present (not absent, null or empty): in an expression, `logic.count(OBX-5) > 1` is true when OBX-5 has more than one valued repetition.',
  inputs: [{ name: 'values', type: 'any', many: true, description: 'The values, e.g. every repetition of a field.' }],
  output: { type: 'number', description: 'The number of present values (0 for none).' },
  examples: [
    { inputs: { values: ['60', undefined, '120'] }, output: 2 },
    { inputs: { values: [null, ''] }, output: 0 },
    { inputs: {}, output: 0 },
  ],
  apply(inputs) {
    return list(inputs.values).filter(isPresent).length;
  },
};
