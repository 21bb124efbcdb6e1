import type { FunctionDefinition } from '../FunctionDefinition';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { stringParam, text } from '../util/values';

export const replace: FunctionDefinition = {
  id: 'string.replace',
  category: 'string',
  label: 'Replace',
  // Plain text, never a regular expression: a pattern from a spec could hang the runtime (ReDoS).
  description: 'Replaces every occurrence of a plain text (not a pattern) with another text.',
  inputs: [{ name: 'value', type: 'string', description: 'The text.' }],
  output: { type: 'string', description: 'The text with every occurrence replaced; no value when nothing is left.' },
  params: [
    { name: 'find', type: 'string', description: 'The exact text to look for.' },
    { name: 'with', type: 'string', default: '', description: 'What to put instead.' },
  ],
  examples: [
    { inputs: { value: '(555)555-1234' }, params: { find: '-', with: '' }, output: '(555)5551234' },
    { inputs: { value: 'a.b.c' }, params: { find: '.', with: '$&' }, output: 'a$&b$&c' },
  ],
  apply(inputs, params) {
    const find = stringParam(params, 'find', '');
    if (find === '') throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "find" must not be empty.', { path: 'find' });
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    const out = value.split(find).join(stringParam(params, 'with', ''));
    return out === '' ? undefined : out;
  },
};
