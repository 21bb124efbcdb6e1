import type { FunctionDefinition } from '../FunctionDefinition';
import { integerParam, numberParam, text } from '../util/values';

export const substring: FunctionDefinition = {
  id: 'string.substring',
  category: 'string',
  label: 'Substring',
  description: 'Takes `length` characters from position `start` (1-based, as HL7 counts); no length means to the end.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The part, or no value when it is empty.' },
  params: [
    { name: 'start', type: 'number', default: 1, description: 'First character, 1-based.' },
    { name: 'length', type: 'number', description: 'How many characters; empty for the rest.' },
  ],
  examples: [
    { inputs: { value: '19800101' }, params: { start: 1, length: 4 }, output: '1980' },
    { inputs: { value: '19800101' }, params: { start: 5 }, output: '0101' },
    { inputs: { value: 'abc' }, params: { start: 9 }, output: undefined },
  ],
  apply(inputs, params) {
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    const start = integerParam(params, 'start', 1, 1);
    const length = numberParam(params, 'length', undefined);
    const out = length === undefined ? value.slice(start - 1) : value.slice(start - 1, start - 1 + integerParam(params, 'length', 0, 0));
    return out === '' ? undefined : out;
  },
};
