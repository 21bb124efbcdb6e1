import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const trim: FunctionDefinition = {
  id: 'string.trim',
  category: 'string',
  label: 'Trim',
  description: 'Removes leading and trailing white space (FHIR strings and codes must not have it); all-space text becomes no value.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The trimmed text.' },
  examples: [
    { inputs: { value: '  Main St  ' }, output: 'Main St' },
    { inputs: { value: '   ' }, output: undefined },
  ],
  apply(inputs) {
    const value = text(inputs.value)?.trim();
    return value === '' ? undefined : value;
  },
};
