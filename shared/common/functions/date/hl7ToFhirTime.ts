import type { FunctionDefinition } from '../FunctionDefinition';
import { dateInput, formatFhirTime, parseHl7Time } from './hl7DateTime';

export const hl7ToFhirTime: FunctionDefinition = {
  id: 'date.hl7ToFhirTime',
  category: 'date',
  label: 'HL7 time → FHIR time',
  // FHIR time is a time of day with no timezone, so an HL7 offset has nowhere to go.
  description: 'Converts HL7 TM (`HH[MM[SS[.SSSS]]][+/-ZZZZ]`) to a FHIR time `hh:mm:ss`; FHIR time has no timezone, so an offset is dropped and missing minutes/seconds become 00.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 TM.' }],
  output: { type: 'time', description: 'FHIR time.' },
  examples: [
    { inputs: { value: '0830' }, output: '08:30:00' },
    { inputs: { value: '235959.5+0100' }, output: '23:59:59.5' },
    { inputs: { value: '2460' }, error: 'DATE_INVALID' },
  ],
  apply(inputs) {
    const value = dateInput(inputs.value);
    return value === undefined ? undefined : formatFhirTime(parseHl7Time(value));
  },
};
