import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

/** An ISO object identifier: arcs of digits joined by dots, the first 0, 1 or 2, no leading zeros (`2.16.840.1.113883.19`). */
export const OID_PATTERN = /^[0-2](\.(0|[1-9][0-9]*))+$/;

export const isOid: FunctionDefinition = {
  id: 'code.isOid',
  category: 'code',
  label: 'Is an OID',
  description: 'Whether text is an ISO object identifier (`2.16.840.1.113883.19`): the HD universal id a mapping may write as `urn:oid:…` (HD.3 ISO).',
  inputs: [{ name: 'value', type: 'string', description: 'The text (e.g. HD.2).' }],
  output: { type: 'boolean', description: 'true for an OID.' },
  examples: [
    { inputs: { value: '2.16.840.1.113883.19' }, output: true },
    { inputs: { value: '1.0.3' }, output: true },
    { inputs: { value: '2.16.01' }, output: false },
    { inputs: { value: '3.1' }, output: false },
    { inputs: { value: 'MRN' }, output: false },
    { inputs: {}, output: false },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    return value !== undefined && OID_PATTERN.test(value);
  },
};
