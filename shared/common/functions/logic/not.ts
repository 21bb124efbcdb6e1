import type { FunctionDefinition } from '../FunctionDefinition';
import { truthy } from './ifElse';

export const not: FunctionDefinition = {
  id: 'logic.not',
  category: 'logic',
  label: 'Not',
  description: 'The opposite truth value (see logic.if for what counts as true).',
  inputs: [{ name: 'value', type: 'any', description: 'Any value.' }],
  output: { type: 'boolean', description: 'true when the value is not true.' },
  examples: [
    { inputs: { value: true }, output: false },
    { inputs: { value: undefined }, output: true },
    { inputs: { value: 'false' }, output: true },
  ],
  apply(inputs) {
    return !truthy(inputs.value);
  },
};
