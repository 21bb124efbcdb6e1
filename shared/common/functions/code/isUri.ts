import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

export const isUri: FunctionDefinition = {
  id: 'code.isUri',
  category: 'code',
  label: 'Fits a FHIR uri',
  description: 'Whether text can be a FHIR uri as it is: present and without white space (FHIR R4 uri is `\\S*`). It does not check that the scheme exists; use it where the sender says the text is a URI (HD.3 URI).',
  inputs: [{ name: 'value', type: 'string', description: 'The text (e.g. HD.2).' }],
  output: { type: 'boolean', description: 'true when the text has no white space.' },
  examples: [
    { inputs: { value: 'http://hospital.example.org/mrn' }, output: true },
    { inputs: { value: 'urn:oid:1.2.3' }, output: true },
    { inputs: { value: 'Good Health Hospital' }, output: false },
    { inputs: { value: 'http://x\tfoo' }, output: false },
    { inputs: {}, output: false },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    return value !== undefined && /^\S+$/.test(value);
  },
};
