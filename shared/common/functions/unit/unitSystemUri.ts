import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { unitSystemUri as uriOf } from './unitSystems';

export const unitSystemUri: FunctionDefinition = {
  id: 'unit.systemUri',
  category: 'unit',
  label: 'Unit coding system → URI',
  description: 'The FHIR system URI for the coding system of a units field (OBX-6.3), as code.systemUri gives it (UCUM → http://unitsofmeasure.org, LN → http://loinc.org), except for the legacy unit tables v2 senders name (ISO+, ISO, ANS+, ANSI), which give none: their units are read as units without a system (unit.ucumCode).',
  inputs: [{ name: 'name', type: 'string', description: 'The coding system name (CWE.3).' }],
  output: { type: 'string', description: 'The URI.' },
  examples: [
    { inputs: { name: 'UCUM' }, output: 'http://unitsofmeasure.org' },
    { inputs: { name: 'ISO+' }, output: undefined },
    { inputs: { name: 'ANSI' }, output: undefined },
    { inputs: { name: '99LAB' }, output: undefined },
  ],
  apply(inputs) {
    return uriOf(text(inputs.name));
  },
};
