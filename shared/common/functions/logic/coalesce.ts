import type { FunctionDefinition } from '../FunctionDefinition';
import { isPresent, list } from '../util/values';

export const coalesce: FunctionDefinition = {
  id: 'logic.coalesce',
  category: 'logic',
  label: 'First present value',
  description: 'Gives the first value that is present (not absent, null or empty), e.g. PV1-19 else PID-18.',
  inputs: [{ name: 'values', type: 'any', many: true, description: 'Candidates, in order of preference.' }],
  output: { type: 'any', description: 'The first present value.' },
  examples: [
    { inputs: { values: [undefined, '', 'V123', 'A9'] }, output: 'V123' },
    { inputs: { values: [null, undefined] }, output: undefined },
    { inputs: { values: [0, 5] }, output: 0 },
  ],
  apply(inputs) {
    return list(inputs.values).find(isPresent);
  },
};
