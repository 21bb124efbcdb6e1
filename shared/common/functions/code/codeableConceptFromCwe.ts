import type { FunctionDefinition } from '../FunctionDefinition';
import { cweToCodeableConcept } from './cweCoding';

export const codeableConceptFromCwe: FunctionDefinition = {
  id: 'code.codeableConceptFromCwe',
  replacedBy: 'CWE[CodeableConcept]',
  category: 'code',
  label: 'CWE/CE → CodeableConcept',
  description: 'Builds a CodeableConcept from a whole CWE or CE field per the v2-to-FHIR IG: CWE.1-.3 the first coding, .4-.6 the second, .10-.12 the third, .7/.8/.13 their versions, CWE.9 original text → text. Coding system names become URIs (LN → http://loinc.org, HL70001 → http://terminology.hl7.org/CodeSystem/v2-0001).',
  inputs: [{ name: 'cwe', type: 'v2composite', description: 'The CWE/CE field (its components).' }],
  output: { type: 'CodeableConcept', description: 'The CodeableConcept.' },
  examples: [
    {
      inputs: { cwe: ['8867-4', 'Heart rate', 'LN', 'HR', 'Pulse', '99LOCAL', '2.73', undefined, 'pulse rate'] },
      output: { coding: [{ system: 'http://loinc.org', version: '2.73', code: '8867-4', display: 'Heart rate' }, { code: 'HR', display: 'Pulse' }], text: 'pulse rate' },
    },
    { inputs: { cwe: ['F', 'Female', 'HL70001'] }, output: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0001', code: 'F', display: 'Female' }] } },
    { inputs: { cwe: [undefined, 'Penicillin allergy'] }, output: { text: 'Penicillin allergy' } },
    { inputs: { cwe: undefined }, output: undefined },
  ],
  apply(inputs) {
    return cweToCodeableConcept(inputs.cwe);
  },
};
