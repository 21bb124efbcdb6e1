/**
 * How a whole HL7 v2 field (or component) reaches a data type function: the decoded values of
 * its components, as the codec gives them, in one of these shapes:
 * - a string: the field has one component (component 1);
 * - an array: index 0 is component 1; an item that is itself an array holds subcomponents;
 * - an object keyed by 1-based component number (`{ "1": "12345", "4": ["MRN", "2.16.840.1", "ISO"] }`).
 * Empty components are undefined; the explicit HL7 null `""` (decoded as null) counts as no value,
 * since a FHIR element is absent rather than null.
 */
export type V2Composite = string | null | undefined | readonly unknown[] | Readonly<Record<string, unknown>>;

function pick(value: unknown, n: number): unknown {
  if (Array.isArray(value)) return value[n - 1];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const key = String(n);
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return n === 1 ? value : undefined;
}

function leaf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  // A composite component read as a leaf gives its first subcomponent, as the standard reads it.
  let v = value;
  while (typeof v === 'object' && v !== null) v = pick(v, 1);
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Component n (1-based) as text, or undefined when empty. */
export function component(value: unknown, n: number): string | undefined {
  return leaf(pick(value, n));
}

/** Subcomponent s of component n (both 1-based). */
export function subcomponent(value: unknown, n: number, s: number): string | undefined {
  return leaf(pick(pick(value, n), s));
}

/** Component n as a composite of its own (for CX.4 HD, XPN.1 FN ...). */
export function composite(value: unknown, n: number): unknown {
  return pick(value, n);
}

/** Whether any component holds a value. */
export function hasAnyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(hasAnyValue);
  if (typeof value === 'object') return Object.values(value).some(hasAnyValue);
  return true;
}
