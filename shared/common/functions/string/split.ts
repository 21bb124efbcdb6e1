import type { FunctionDefinition } from '../FunctionDefinition';
import { stringParam, text } from '../util/values';
import { CrosswalkError } from '../../errors/CrosswalkError';

export const split: FunctionDefinition = {
  id: 'string.split',
  category: 'string',
  label: 'Split',
  description: 'Splits text on a plain separator (not a pattern) into a list, dropping empty pieces; e.g. second given names "Mary Anne" → ["Mary", "Anne"].',
  inputs: [{ name: 'value', type: 'string', description: 'The text to split.' }],
  output: { type: 'string', many: true, description: 'The non-empty pieces in order.' },
  params: [{ name: 'separator', type: 'string', default: ' ', description: 'The exact text to split on.' }],
  examples: [
    { inputs: { value: 'Mary Anne' }, output: ['Mary', 'Anne'] },
    { inputs: { value: 'a;;b;' }, params: { separator: ';' }, output: ['a', 'b'] },
    { inputs: { value: undefined }, output: undefined },
  ],
  apply(inputs, params) {
    const separator = stringParam(params, 'separator', ' ');
    if (separator === '') throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "separator" must not be empty.', { path: 'separator' });
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    const pieces = value.split(separator).filter((p) => p !== '');
    return pieces.length === 0 ? undefined : pieces;
  },
};
