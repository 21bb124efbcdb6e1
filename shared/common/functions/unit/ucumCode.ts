import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { ucumCodeFor } from './unitSystems';

export const ucumCode: FunctionDefinition = {
  id: 'unit.ucumCode',
  category: 'unit',
  label: 'Unit → UCUM code (with its system)',
  description: 'The UCUM code of a unit as sent with the name of its coding system (OBX-6.1 and OBX-6.3). With no system, UCUM or a legacy unit table (ISO+, ISO, ANS+, ANSI): the code the legacy unit table gives it (`ML` → `mL`, not megalitre; `lb` → `[lb_av]`), else the unit when it is valid, case-sensitive UCUM; anything else has none, even when the sender calls it UCUM. With any other system (`99LAB`), no value.',
  inputs: [
    { name: 'unit', type: 'string', description: 'The unit code (CWE.1).' },
    { name: 'system', type: 'string', optional: true, description: 'The coding system name (CWE.3).' },
  ],
  output: { type: 'code', description: 'The UCUM code.' },
  examples: [
    { inputs: { unit: 'kg', system: 'UCUM' }, output: 'kg' },
    { inputs: { unit: 'mmHg', system: 'UCUM' }, output: 'mm[Hg]' },
    { inputs: { unit: 'lb' }, output: '[lb_av]' },
    { inputs: { unit: 'beats/min', system: 'ISO+' }, output: '/min' },
    { inputs: { unit: 'ML', system: 'ISO+' }, output: 'mL' },
    { inputs: { unit: 'MG/DL' }, output: 'mg/dL' },
    { inputs: { unit: 'furlongs' }, output: undefined },
    { inputs: { unit: 'mcg/dL', system: 'UCUM' }, output: undefined },
    { inputs: { unit: '10*9/L', system: '99LAB' }, output: undefined },
  ],
  apply(inputs) {
    return ucumCodeFor(text(inputs.unit), text(inputs.system));
  },
};
