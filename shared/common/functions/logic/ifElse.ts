import type { FunctionDefinition } from '../FunctionDefinition';
import { isPresent } from '../util/values';

export const ifElse: FunctionDefinition = {
  id: 'logic.if',
  category: 'logic',
  label: 'If / else',
  description: 'Gives `then` when the condition is true, else `else`. A condition is true when it is boolean true, or any present value other than false, "false" or 0.',
  inputs: [
    { name: 'condition', type: 'any', description: 'The condition.' },
    { name: 'then', type: 'any', optional: true, description: 'The value when true.' },
    { name: 'else', type: 'any', optional: true, description: 'The value when false.' },
  ],
  output: { type: 'any', description: 'The chosen value.' },
  examples: [
    { inputs: { condition: true, then: 'final', else: 'preliminary' }, output: 'final' },
    { inputs: { condition: false, then: 'final', else: 'preliminary' }, output: 'preliminary' },
    { inputs: { condition: 'Y', then: true, else: false }, output: true },
    { inputs: { condition: undefined, then: 'a' }, output: undefined },
  ],
  apply(inputs) {
    return truthy(inputs.condition) ? inputs.then : inputs.else;
  },
};

/** The one definition of "true" the logic functions share. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 'false') return false;
  return isPresent(value);
}
