import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { dateInput, formatFhirDate, formatFhirTime, parseHl7DateTime } from './hl7DateTime';
import { resolveOffset } from './hl7ToFhirDateTime';

export const hl7ToFhirInstant: FunctionDefinition = {
  id: 'date.hl7ToFhirInstant',
  category: 'date',
  label: 'HL7 date/time → FHIR instant',
  description: 'Converts HL7 DTM/TS with at least a time to a FHIR instant (full date, time and timezone). Minutes and seconds not sent become 00; the timezone comes from the value, else MSH-7, else the bundle default, else it is an error.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 DTM, or a TS field (component 1 is read).' }],
  output: { type: 'instant', description: 'FHIR instant.' },
  examples: [
    { inputs: { value: '20061120083015-0500' }, output: '2006-11-20T08:30:15-05:00' },
    { inputs: { value: '200611200830' }, context: { defaultTimezone: 'Z' }, output: '2006-11-20T08:30:00Z' },
    { inputs: { value: '20061120' }, error: 'DATE_NOT_INSTANT' },
  ],
  apply(inputs, _params, context) {
    const value = dateInput(inputs.value);
    if (value === undefined) return undefined;
    const parts = parseHl7DateTime(value);
    if (parts.hour === undefined) throw new CrosswalkError('DATE_NOT_INSTANT', 'The value has no time, and a FHIR instant needs a date with a time.');
    const offset = resolveOffset(parts, context);
    if (offset === undefined) throw new CrosswalkError('DATE_NO_TIMEZONE', 'The time has no timezone, nor has MSH-7, and the mapping sets no default timezone; a FHIR instant needs one.');
    return `${formatFhirDate(parts)}T${formatFhirTime(parts)}${offset}`;
  },
};
