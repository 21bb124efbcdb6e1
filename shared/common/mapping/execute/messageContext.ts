import type { FunctionContext } from '../../functions/FunctionDefinition';
import { parseHl7DateTime } from '../../functions/date/hl7DateTime';
import type { Hl7Message } from '../../hl7v2';

/**
 * The function context for one message: the bundle's, plus MSH-7's offset when MSH-7 has one.
 * HL7 sends a time without an offset in the sender's local time, and MSH-7 is the one time every
 * message carries, so its offset is the best witness of that zone (ahead of the bundle's default).
 * Every date conversion sees it, in preview and runtime alike, without a map linking MSH-7. An
 * MSH-7 that is not a valid date/time witnesses nothing: its own mapping reports it.
 */
export function messageContext(base: FunctionContext, message: Hl7Message): FunctionContext {
  const sent = message.segment('MSH')?.value(7, 1, 1, 1);
  if (typeof sent !== 'string' || (!sent.includes('+') && !sent.includes('-'))) return base;
  let offset: string | undefined;
  try {
    offset = parseHl7DateTime(sent.trim()).offset;
  } catch {
    return base;
  }
  return offset === undefined ? base : { ...base, messageTimezone: offset };
}
