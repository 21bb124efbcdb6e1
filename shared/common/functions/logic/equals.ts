import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const equals: FunctionDefinition = {
  id: 'logic.equals',
  category: 'logic',
  label: 'Equals',
  description: 'true when two values are equal as text (`5` equals "5"); with ignoreCase, letters compare without case. Two absent values are equal.',
  inputs: [
    { name: 'a', type: 'any', description: 'First value.' },
    { name: 'b', type: 'any', description: 'Second value.' },
  ],
  output: { type: 'boolean', description: 'Whether they are equal.' },
  params: [{ name: 'ignoreCase', type: 'boolean', default: false, description: 'Compare letters without case.' }],
  examples: [
    { inputs: { a: 'NM', b: 'NM' }, output: true },
    { inputs: { a: 5, b: '5' }, output: true },
    { inputs: { a: 'y', b: 'Y' }, params: { ignoreCase: true }, output: true },
    { inputs: { a: 'y', b: 'Y' }, output: false },
    { inputs: { a: 'Y' }, output: false },
  ],
  apply(inputs, params) {
    const a = text(inputs.a);
    const b = text(inputs.b);
    if (a === undefined || b === undefined) return a === b;
    return params.ignoreCase === true ? a.toLowerCase() === b.toLowerCase() : a === b;
  },
};
