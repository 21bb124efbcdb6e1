import type { FunctionDefinition } from '../FunctionDefinition';
import { stringParam, text } from '../util/values';

export const surround: FunctionDefinition = {
  id: 'string.surround',
  category: 'string',
  label: 'Surround',
  description: 'Puts fixed text before and after a value that is present (`555` → `(555)`); an absent value stays absent, so no stray `()` or `+` appears when the part was not sent.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'before + value + after, or no value.' },
  params: [
    { name: 'before', type: 'string', default: '', description: 'Put before the value.' },
    { name: 'after', type: 'string', default: '', description: 'Put after the value.' },
  ],
  examples: [
    { inputs: { value: '555' }, params: { before: '(', after: ')' }, output: '(555)' },
    { inputs: { value: '1' }, params: { before: '+' }, output: '+1' },
    { inputs: { value: undefined }, params: { before: '(', after: ')' }, output: undefined },
    { inputs: { value: null }, params: { before: 'X' }, output: undefined },
  ],
  apply(inputs, params) {
    const value = text(inputs.value);
    return value === undefined ? undefined : `${stringParam(params, 'before', '')}${value}${stringParam(params, 'after', '')}`;
  },
};
