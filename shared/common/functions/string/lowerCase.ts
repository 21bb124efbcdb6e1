import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const lowerCase: FunctionDefinition = {
  id: 'string.lowerCase',
  category: 'string',
  label: 'Lower case',
  description: 'Converts text to lower case (locale independent), e.g. to turn a v2 code into a FHIR code.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The text in lower case.' },
  examples: [{ inputs: { value: 'FINAL' }, output: 'final' }],
  apply(inputs) {
    return text(inputs.value)?.toLowerCase();
  },
};
