import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionContext, FunctionDefinition } from '../FunctionDefinition';
import { enumParam } from '../util/values';
import { dateInput, formatFhirDate, formatFhirTime, parseHl7DateTime, TIMEZONE_PATTERN, type Hl7DateTimeParts } from './hl7DateTime';

/**
 * The timezone a time is written with, never invented: its own offset, else MSH-7's (the sender's
 * local time), else the bundle's default; undefined when there is none of the three.
 */
export function resolveOffset(parts: Hl7DateTimeParts, context: FunctionContext): string | undefined {
  if (parts.offset !== undefined) return zone(parts.offset);
  if (context.messageTimezone !== undefined) return zone(context.messageTimezone);
  const fallback = context.defaultTimezone;
  if (fallback === undefined || fallback === '') return undefined;
  if (!TIMEZONE_PATTERN.test(fallback)) {
    throw new CrosswalkError('SETTINGS_INVALID', `The default timezone "${fallback}" is not of the form +01:00, -05:30 or Z.`, { path: 'settings.defaultTimezone' });
  }
  return fallback;
}

const zone = (offset: string): string => (offset === '+00:00' ? 'Z' : offset);

/**
 * FHIR says a dateTime with a time must carry a timezone. A HL7 time without one gets MSH-7's,
 * else the bundle's default timezone; with neither, `withoutTimezone` decides: `error` (the default:
 * nothing is guessed, the message fails and names the fix) or `date` (keep only the date, which
 * is always valid but loses the time).
 */
export const hl7ToFhirDateTime: FunctionDefinition = {
  id: 'date.hl7ToFhirDateTime',
  category: 'date',
  label: 'HL7 date/time → FHIR dateTime',
  description: 'Converts HL7 DTM/TS to a FHIR dateTime keeping partial precision (`200611` → `2006-11`) and offsets (`+0215` → `+02:15`). FHIR needs seconds, so `HHMM` gets `:00`. A time without a timezone takes the offset of MSH-7, else the bundle default timezone; without either it is an error, or only the date is kept if `withoutTimezone` is `date`.',
  inputs: [{ name: 'value', type: 'string', description: 'HL7 DTM, or a TS field (component 1 is read).' }],
  output: { type: 'dateTime', description: 'FHIR dateTime.' },
  params: [{ name: 'withoutTimezone', type: 'enum', options: ['error', 'date'], default: 'error', description: 'What to do with a time that has no timezone when the bundle sets no default timezone.' }],
  examples: [
    { inputs: { value: '20061120' }, output: '2006-11-20' },
    { inputs: { value: '200611' }, output: '2006-11' },
    { inputs: { value: '20061120083015.1234+0215' }, output: '2006-11-20T08:30:15.1234+02:15' },
    { inputs: { value: '200611200830+0000' }, output: '2006-11-20T08:30:00Z' },
    { inputs: { value: '2006112008' }, context: { defaultTimezone: '-05:00' }, output: '2006-11-20T08:00:00-05:00' },
    { inputs: { value: '20200802124455' }, context: { messageTimezone: '-04:00', defaultTimezone: 'Z' }, output: '2020-08-02T12:44:55-04:00' },
    { inputs: { value: '20200802124455+0100' }, context: { messageTimezone: '-04:00' }, output: '2020-08-02T12:44:55+01:00' },
    { inputs: { value: '20061120083015' }, params: { withoutTimezone: 'date' }, output: '2006-11-20' },
    { inputs: { value: '20061120083015' }, error: 'DATE_NO_TIMEZONE' },
    { inputs: { value: '20061320' }, error: 'DATE_INVALID' },
  ],
  apply(inputs, params, context) {
    const value = dateInput(inputs.value);
    if (value === undefined) return undefined;
    const parts = parseHl7DateTime(value);
    const date = formatFhirDate(parts);
    if (parts.hour === undefined) return date;
    const offset = resolveOffset(parts, context);
    if (offset === undefined) {
      if (enumParam(params, 'withoutTimezone', ['error', 'date'] as const, 'error') === 'date') return date;
      throw new CrosswalkError('DATE_NO_TIMEZONE', 'The time has no timezone, nor has MSH-7, and the mapping sets no default timezone; FHIR needs one (set the default timezone, or let this function keep only the date).');
    }
    return `${date}T${formatFhirTime(parts)}${offset}`;
  },
};
