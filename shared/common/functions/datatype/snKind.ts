import type { FunctionDefinition } from '../FunctionDefinition';
import { hasAnyValue } from '../util/components';
import { snKindOf } from './quantityParts';

export const snKind: FunctionDefinition = {
  id: 'datatype.snKind',
  category: 'datatype',
  label: 'SN kind',
  description: 'Which FHIR type the IG maps a structured numeric to: `Quantity`, `Range` (separator -), `Ratio` (: or /) or `string` (<> or +). Use it in a condition to pick valueQuantity, valueRange, valueRatio or valueString.',
  inputs: [{ name: 'sn', type: 'v2composite', description: 'The SN value.' }],
  output: { type: 'string', description: 'Quantity, Range, Ratio or string.' },
  examples: [
    { inputs: { sn: ['>', '90'] }, output: 'Quantity' },
    { inputs: { sn: [undefined, '10', '-', '20'] }, output: 'Range' },
    { inputs: { sn: [undefined, '1', ':', '128'] }, output: 'Ratio' },
    { inputs: { sn: ['<>', '5'] }, output: 'string' },
    { inputs: { sn: undefined }, output: undefined },
  ],
  apply(inputs) {
    return hasAnyValue(inputs.sn) ? snKindOf(inputs.sn) : undefined;
  },
};
