import type { FunctionDefinition } from '../FunctionDefinition';
import { cweTriplet } from './cweCoding';

export const codingFromCwe: FunctionDefinition = {
  id: 'code.codingFromCwe',
  replacedBy: 'CWE[Coding]',
  category: 'code',
  label: 'CWE → Coding',
  description: 'Builds a Coding from a CWE per the IG\'s CWE[Coding] map: CWE.1 code, .2 display, .3 system (name → URI), .7 version.',
  inputs: [{ name: 'cwe', type: 'v2composite', description: 'The CWE field (its components).' }],
  output: { type: 'Coding', description: 'The Coding.' },
  examples: [
    { inputs: { cwe: ['08', 'HEPB-PEDIATRIC/ADOLESCENT', 'CVX'] }, output: { system: 'http://hl7.org/fhir/sid/cvx', code: '08', display: 'HEPB-PEDIATRIC/ADOLESCENT' } },
    { inputs: { cwe: { 1: 'kg', 3: 'UCUM' } }, output: { system: 'http://unitsofmeasure.org', code: 'kg' } },
  ],
  apply(inputs) {
    return cweTriplet(inputs.cwe, 1);
  },
};
