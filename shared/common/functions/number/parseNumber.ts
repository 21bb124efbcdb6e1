import { Decimal } from '../../json/Decimal';
import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { parseHl7Decimal } from './parseHl7Number';

/**
 * The output is a FHIR decimal with the precision that was sent: trailing zeros stay (`1.50`,
 * `170.0`: a Decimal, which the JSON writer writes as sent). Leading zeros and a `+` are dropped
 * (`065.88` → 65.88), as FHIR's decimal grammar forbids them.
 */
export const parseNumber: FunctionDefinition = {
  id: 'number.parse',
  category: 'number',
  label: 'Parse number',
  description: 'Reads an HL7 NM value (`065.88`, `-.5`, `+12`) as a number for a FHIR decimal or integer, keeping the precision sent (`1.50` stays `1.50`); anything else is refused.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 NM text.' }],
  output: { type: 'number', description: 'The number.' },
  examples: [
    { inputs: { value: '065.88' }, output: 65.88 },
    { inputs: { value: '1.50' }, output: new Decimal('1.50') },
    { inputs: { value: '0.040' }, output: new Decimal('0.040') },
    { inputs: { value: '-.5' }, output: -0.5 },
    { inputs: { value: '+12' }, output: 12 },
    { inputs: { value: ' ' }, output: undefined },
    { inputs: { value: '1e5' }, error: 'NUMBER_INVALID' },
    { inputs: { value: '12,5' }, error: 'NUMBER_INVALID' },
  ],
  apply(inputs) {
    if (typeof inputs.value === 'number') return Number.isFinite(inputs.value) ? inputs.value : undefined;
    if (inputs.value instanceof Decimal) return inputs.value;
    return parseHl7Decimal(text(inputs.value));
  },
};
