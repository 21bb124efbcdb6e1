import type { FunctionDefinition } from '../FunctionDefinition';
import { dateInput, formatFhirDate, parseHl7DateTime } from './hl7DateTime';

export const hl7ToFhirDate: FunctionDefinition = {
  id: 'date.hl7ToFhirDate',
  category: 'date',
  label: 'HL7 date → FHIR date',
  description: 'Converts HL7 DT/DTM/TS to a FHIR date keeping its precision (`200611` → `2006-11`); a time part is dropped (use hl7ToFhirDateTime to keep it). Invalid dates such as 20230230 are refused.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 DT, DTM, or a TS field (component 1 is read).' }],
  output: { type: 'date', description: 'FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.' },
  examples: [
    { inputs: { value: '19800101' }, output: '1980-01-01' },
    { inputs: { value: '200611' }, output: '2006-11' },
    { inputs: { value: '1980' }, output: '1980' },
    { inputs: { value: '198001011230-0500' }, output: '1980-01-01' },
    { inputs: { value: ['20240229', 'D'] }, output: '2024-02-29' },
    { inputs: { value: '20230230' }, error: 'DATE_INVALID' },
    { inputs: { value: '' }, output: undefined },
  ],
  apply(inputs) {
    const value = dateInput(inputs.value);
    return value === undefined ? undefined : formatFhirDate(parseHl7DateTime(value));
  },
};
