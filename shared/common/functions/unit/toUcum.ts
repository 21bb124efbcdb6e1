import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { v2UnitToUcum } from './v2Units';

export const toUcum: FunctionDefinition = {
  id: 'unit.toUcum',
  category: 'unit',
  label: 'Unit → UCUM code',
  description: 'Gives the UCUM code for a unit written in a v2 message from the legacy unit table (`ML` → `mL`, `lb` → `[lb_av]`, `mmHg` → `mm[Hg]`, `F` → `[degF]`); otherwise a valid, case-sensitive UCUM code is kept; an unrecognised unit gives no value.',
  inputs: [{ name: 'unit', type: 'string', description: 'The unit text (e.g. OBX-6.1).' }],
  output: { type: 'code', description: 'The UCUM code.' },
  examples: [
    { inputs: { unit: 'lb' }, output: '[lb_av]' },
    { inputs: { unit: 'mmHg' }, output: 'mm[Hg]' },
    { inputs: { unit: 'kg/m2' }, output: 'kg/m2' },
    { inputs: { unit: 'bpm' }, output: '/min' },
    { inputs: { unit: 'ML' }, output: 'mL' },
    { inputs: { unit: 'mL' }, output: 'mL' },
    { inputs: { unit: 'furlongs' }, output: undefined },
  ],
  apply(inputs) {
    return v2UnitToUcum(text(inputs.unit));
  },
};
