import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';
import { parseHl7Number } from './parseHl7Number';

/**
 * Output is a JSON number, so FHIR decimal precision written as trailing zeros is not kept
 * (`1.50` → 1.5): the output document is JSON.stringify'd, which cannot write 1.50. Leading
 * zeros are dropped (`065.88` → 65.88), as FHIR decimal forbids them.
 */
export const parseNumber: FunctionDefinition = {
  id: 'number.parse',
  category: 'number',
  label: 'Parse number',
  description: 'Reads an HL7 NM value (`065.88`, `-.5`, `+12`) as a number for a FHIR decimal or integer; anything else is refused. Trailing zeros are not kept (1.50 → 1.5).',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 NM text.' }],
  output: { type: 'number', description: 'The number.' },
  examples: [
    { inputs: { value: '065.88' }, output: 65.88 },
    { inputs: { value: '-.5' }, output: -0.5 },
    { inputs: { value: '+12' }, output: 12 },
    { inputs: { value: ' ' }, output: undefined },
    { inputs: { value: '1e5' }, error: 'NUMBER_INVALID' },
    { inputs: { value: '12,5' }, error: 'NUMBER_INVALID' },
  ],
  apply(inputs) {
    if (typeof inputs.value === 'number') return Number.isFinite(inputs.value) ? inputs.value : undefined;
    return parseHl7Number(text(inputs.value));
  },
};
