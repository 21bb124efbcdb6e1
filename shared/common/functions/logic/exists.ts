import type { FunctionDefinition } from '../FunctionDefinition';
import { isPresent } from '../util/values';

export const exists: FunctionDefinition = {
  id: 'logic.exists',
  category: 'logic',
  label: 'Exists',
  description: 'true when the value is present (not absent, the HL7 explicit null "", or empty).',
  inputs: [{ name: 'value', type: 'any', description: 'Any value.' }],
  output: { type: 'boolean', description: 'Whether it is present.' },
  examples: [
    { inputs: { value: 'Y' }, output: true },
    { inputs: { value: null }, output: false },
    { inputs: { value: [] }, output: false },
    { inputs: {}, output: false },
  ],
  apply(inputs) {
    return isPresent(inputs.value);
  },
};
