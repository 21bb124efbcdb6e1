import type { FunctionDefinition } from '../FunctionDefinition';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { enumParam, integerParam, stringParam, text } from '../util/values';

export const pad: FunctionDefinition = {
  id: 'string.pad',
  category: 'string',
  label: 'Pad',
  description: 'Pads text to a length with a character, at the start (e.g. leading zeros of an MRN) or the end; longer text is kept whole.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The padded text.' },
  params: [
    { name: 'length', type: 'number', description: 'The length to reach.' },
    { name: 'char', type: 'string', default: '0', description: 'One character to pad with.' },
    { name: 'side', type: 'enum', options: ['start', 'end'], default: 'start', description: 'Where to add it.' },
  ],
  examples: [
    { inputs: { value: '4711' }, params: { length: 8 }, output: '00004711' },
    { inputs: { value: 'AB' }, params: { length: 4, char: '*', side: 'end' }, output: 'AB**' },
    { inputs: { value: '123456' }, params: { length: 3 }, output: '123456' },
  ],
  apply(inputs, params) {
    const length = integerParam(params, 'length', 0, 0);
    const char = stringParam(params, 'char', '0');
    if ([...char].length !== 1) throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "char" must be exactly one character.', { path: 'char' });
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    return enumParam(params, 'side', ['start', 'end'] as const, 'start') === 'start' ? value.padStart(length, char) : value.padEnd(length, char);
  },
};
