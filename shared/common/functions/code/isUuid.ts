import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid: FunctionDefinition = {
  id: 'code.isUuid',
  category: 'code',
  label: 'Is a UUID',
  description: 'Whether text is a UUID in its usual 8-4-4-4-12 hexadecimal form, in either case: the HD universal id a mapping may write as `urn:uuid:…` (HD.3 UUID).',
  inputs: [{ name: 'value', type: 'string', description: 'The text (e.g. HD.2).' }],
  output: { type: 'boolean', description: 'true for a UUID.' },
  examples: [
    { inputs: { value: 'a3e1c2d4-1b2c-4d5e-8f90-123456789abc' }, output: true },
    { inputs: { value: 'A3E1C2D4-1B2C-4D5E-8F90-123456789ABC' }, output: true },
    { inputs: { value: 'a3e1c2d41b2c4d5e8f90123456789abc' }, output: false },
    { inputs: { value: '------------------------------------' }, output: false },
    { inputs: {}, output: false },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    return value !== undefined && UUID.test(value);
  },
};
