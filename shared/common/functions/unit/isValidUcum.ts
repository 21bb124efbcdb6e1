import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { isUcumCode } from './ucum';

export const isValidUcum: FunctionDefinition = {
  id: 'unit.isValidUcum',
  category: 'unit',
  label: 'Is valid UCUM',
  description: 'Whether text is a valid, case-sensitive UCUM unit expression (`mm[Hg]` yes, `lb` no).',
  inputs: [{ name: 'unit', type: 'string', description: 'The unit text.' }],
  output: { type: 'boolean', description: 'true when valid UCUM.' },
  examples: [
    { inputs: { unit: 'mm[Hg]' }, output: true },
    { inputs: { unit: '10*3/uL' }, output: true },
    { inputs: { unit: 'lb' }, output: false },
    { inputs: { unit: 'KG' }, output: false },
    { inputs: {}, output: false },
  ],
  apply(inputs) {
    const unit = text(inputs.unit);
    return unit !== undefined && isUcumCode(unit);
  },
};
