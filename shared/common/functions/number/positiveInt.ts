import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { parseHl7Number } from './parseHl7Number';

export const positiveInt: FunctionDefinition = {
  id: 'number.positiveInt',
  category: 'number',
  label: 'Positive whole number',
  description: 'Reads an HL7 NM as a FHIR positiveInt (XTN.18 preference order → ContactPoint.rank): a whole number of at least 1 (`02` → 2). 0, negatives and fractions give no value, since they are no positiveInt; text that is not a number is refused, as number.parse does.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 NM text.' }],
  output: { type: 'number', description: 'The positive whole number.' },
  examples: [
    { inputs: { value: '1' }, output: 1 },
    { inputs: { value: '02' }, output: 2 },
    { inputs: { value: '0' }, output: undefined },
    { inputs: { value: '-3' }, output: undefined },
    { inputs: { value: '1.5' }, output: undefined },
    { inputs: { value: '' }, output: undefined },
    { inputs: { value: 'first' }, error: 'NUMBER_INVALID' },
  ],
  apply(inputs) {
    const n = typeof inputs.value === 'number' ? inputs.value : parseHl7Number(text(inputs.value));
    return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
  },
};
