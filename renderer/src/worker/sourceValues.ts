import type { Hl7Message } from '../../../shared/common/hl7v2';
import { childPath } from '../../../shared/common/json/jsonPath';

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

/**
 * A JSON input's values (a document, a CSV row or file) keyed the way its inferred schema rows are
 * (`$.readings.systolic` names every reading's): the first value found at each path, as text.
 */
export function jsonSourceValues(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const visit = (at: unknown, path: string): void => {
    if (at === null || at === undefined) return;
    if (Array.isArray(at)) {
      for (const item of at) visit(item, path);
      return;
    }
    if (typeof at === 'object') {
      for (const [key, child] of Object.entries(at)) visit(child, childPath(path, key));
      return;
    }
    if (!(path in out)) out[path] = String(at);
  };
  visit(value, '$');
  return out;
}
