import type { Hl7Message } from '../../../shared/common/hl7v2';

/**
 * The sample's values keyed the way schema rows are (`PID-8`, `PID-5.1`, `PID-5.1.1`): the first
 * occurrence and first repetition, as a row shows one value. A field row shows its first leaf.
 */
export function sourceValues(message: Hl7Message): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const leaf of message.leaves()) {
    if (leaf.occurrence !== 1 || leaf.repetition !== 1 || leaf.value === null) continue;
    const field = `${leaf.segment}-${leaf.field}`;
    const component = `${field}.${leaf.component}`;
    const sub = `${component}.${leaf.subcomponent}`;
    if (!(field in out)) out[field] = leaf.value;
    if (!(component in out)) out[component] = leaf.value;
    out[sub] = leaf.value;
  }
  return out;
}
