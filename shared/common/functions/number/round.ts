import type { FunctionDefinition } from '../FunctionDefinition';
import { integerParam, text } from '../util/values';
import { parseHl7Number } from './parseHl7Number';

/** Half away from zero at `decimals` places, done on the decimal text so 1.005 rounds to 1.01. */
export function roundTo(value: number, decimals: number): number {
  const shifted = Number(`${Math.abs(value)}e${decimals}`);
  return Math.sign(value) * Number(`${Math.round(shifted)}e-${decimals}`);
}

export const round: FunctionDefinition = {
  id: 'number.round',
  category: 'number',
  label: 'Round',
  description: 'Rounds to a number of decimal places, halves away from zero (2.345 → 2.35 at 2 places).',
  inputs: [{ name: 'value', type: 'number', description: 'A number, or HL7 NM text.' }],
  output: { type: 'number', description: 'The rounded number.' },
  params: [{ name: 'decimals', type: 'number', default: 0, description: 'Decimal places to keep (0 or more).' }],
  examples: [
    { inputs: { value: 68.0388555 }, params: { decimals: 1 }, output: 68 },
    { inputs: { value: 1.005 }, params: { decimals: 2 }, output: 1.01 },
    { inputs: { value: '-2.5' }, output: -3 },
    { inputs: { value: 'abc' }, error: 'NUMBER_INVALID' },
  ],
  apply(inputs, params) {
    const decimals = integerParam(params, 'decimals', 0, 0);
    const value = typeof inputs.value === 'number' ? inputs.value : parseHl7Number(text(inputs.value));
    return value === undefined || !Number.isFinite(value) ? undefined : roundTo(value, decimals);
  },
};
