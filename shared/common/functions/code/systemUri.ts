import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { codingSystemUri } from './codingSystems';

export const systemUri: FunctionDefinition = {
  id: 'code.systemUri',
  category: 'code',
  label: 'Coding system → URI',
  description: 'The FHIR system URI for a v2 coding system name (table 0396): LN → http://loinc.org, SCT → http://snomed.info/sct, HL70001 → http://terminology.hl7.org/CodeSystem/v2-0001; local names (99xxx) give no value.',
  inputs: [{ name: 'name', type: 'string', description: 'The coding system name (CWE.3).' }],
  output: { type: 'string', description: 'The URI.' },
  examples: [
    { inputs: { name: 'LN' }, output: 'http://loinc.org' },
    { inputs: { name: 'SCT' }, output: 'http://snomed.info/sct' },
    { inputs: { name: 'I10' }, output: 'http://hl7.org/fhir/sid/icd-10' },
    { inputs: { name: 'I9C' }, output: 'http://hl7.org/fhir/sid/icd-9-cm' },
    { inputs: { name: 'RXNORM' }, output: 'http://www.nlm.nih.gov/research/umls/rxnorm' },
    { inputs: { name: 'HL70203' }, output: 'http://terminology.hl7.org/CodeSystem/v2-0203' },
    { inputs: { name: '2.16.840.1.113883.6.1' }, output: 'urn:oid:2.16.840.1.113883.6.1' },
    { inputs: { name: '99ZZZ' }, output: undefined },
  ],
  apply(inputs) {
    return codingSystemUri(text(inputs.name));
  },
};
