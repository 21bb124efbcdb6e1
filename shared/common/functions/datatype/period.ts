import type { FunctionContext } from '../FunctionDefinition';
import { dateInput, formatFhirDate, parseHl7DateTime } from '../date/hl7DateTime';
import { resolveOffset } from '../date/hl7ToFhirDateTime';
import { formatFhirTime } from '../date/hl7DateTime';
import { nonEmpty } from '../util/values';

/**
 * A date inside a data type (CX.7, XPN.12, XAD.13 ...): a time keeps its timezone or takes the
 * bundle default; without either only the date is kept, since an identifier's or a name's
 * validity period should not make a whole message fail.
 */
export function lenientDateTime(value: unknown, context: FunctionContext): string | undefined {
  const text = dateInput(value);
  if (text === undefined) return undefined;
  const parts = parseHl7DateTime(text);
  const date = formatFhirDate(parts);
  if (parts.hour === undefined) return date;
  const offset = resolveOffset(parts, context);
  return offset === undefined ? date : `${date}T${formatFhirTime(parts)}${offset}`;
}

export function period(start: unknown, end: unknown, context: FunctionContext): { start?: string; end?: string } | undefined {
  if (start === undefined && end === undefined) return undefined;
  return nonEmpty({ start: lenientDateTime(start, context), end: lenientDateTime(end, context) });
}
