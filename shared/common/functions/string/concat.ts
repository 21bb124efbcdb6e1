import type { FunctionDefinition } from '../FunctionDefinition';
import { list, stringParam, text } from '../util/values';

export const concat: FunctionDefinition = {
  id: 'string.concat',
  category: 'string',
  label: 'Concatenate',
  description: 'Joins the present values in order with a separator; absent values are skipped, so no doubled separators appear.',
  inputs: [{ name: 'values', type: 'string', many: true, description: 'The texts to join, in order.' }],
  output: { type: 'string', description: 'The joined text, or no value when every input is absent.' },
  params: [{ name: 'separator', type: 'string', default: '', description: 'Put between two values.' }],
  examples: [
    { inputs: { values: ['Smith', 'John'] }, params: { separator: ', ' }, output: 'Smith, John' },
    { inputs: { values: ['Smith', undefined, 'Jr'] }, params: { separator: ' ' }, output: 'Smith Jr' },
    { inputs: { values: [undefined, null] }, output: undefined },
  ],
  apply(inputs, params) {
    const separator = stringParam(params, 'separator', '');
    const parts = list(inputs.values).map(text).filter((v): v is string => v !== undefined);
    return parts.length === 0 ? undefined : parts.join(separator);
  },
};
