import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { FHIR_DATE_TIME } from '../../fhir/primitives';
import { text } from '../util/values';

export const fhirToHl7DateTime: FunctionDefinition = {
  id: 'date.fhirToHl7DateTime',
  category: 'date',
  label: 'FHIR date/dateTime/instant → HL7 DTM',
  description: 'Converts a FHIR date, dateTime or instant to HL7 DTM, keeping precision and the offset (`Z` → `+0000`). HL7 keeps at most four fraction digits.',
  inputs: [{ name: 'value', type: 'dateTime', description: 'FHIR date, dateTime or instant.' }],
  output: { type: 'string', description: 'HL7 DTM.' },
  examples: [
    { inputs: { value: '2006-11' }, output: '200611' },
    { inputs: { value: '2006-11-20T08:30:15.123456+02:15' }, output: '20061120083015.1234+0215' },
    { inputs: { value: '2006-11-20T08:30:00Z' }, output: '20061120083000+0000' },
    { inputs: { value: '20-11-2006' }, error: 'DATE_INVALID' },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    if (!FHIR_DATE_TIME.test(value)) throw new CrosswalkError('DATE_INVALID', 'The value is not a valid FHIR date, dateTime or instant.');
    const [date, time] = value.split('T');
    let out = date.replace(/-/g, '');
    if (time !== undefined) {
      const zone = /(Z|[+-]\d\d:\d\d)$/.exec(time);
      const clock = zone ? time.slice(0, zone.index) : time;
      const [hms, fraction] = clock.split('.');
      out += hms.replace(/:/g, '');
      if (fraction !== undefined) out += `.${fraction.slice(0, 4)}`;
      if (zone) out += zone[1] === 'Z' ? '+0000' : zone[1].replace(':', '');
    }
    return out;
  },
};
