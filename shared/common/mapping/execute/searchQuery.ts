import type { SearchPlan, SearchRead } from '../compile/compileRequest';

/**
 * The search of a conditional request, read from the resource the mapping built:
 * `identifier=urn:oid:2.16.840.1.113883.19|12345,http://hospital/mrn|A1&status=final`. Each
 * parameter's values are joined with `,` (a resource matching any of them), parameters with `&`
 * (all must match). Undefined when a parameter finds no value: a search without it would match
 * other resources.
 */
export function searchQuery(resource: Record<string, unknown>, search: readonly SearchPlan[]): string | undefined {
  const parts: string[] = [];
  for (const parameter of search) {
    const values: string[] = [];
    for (const read of parameter.reads) collect(resource, read, 0, values, parameter.ofType);
    if (values.length === 0) return undefined;
    // One value (the usual identifier) needs no de-duplication.
    parts.push(`${parameter.name}=${values.length === 1 ? encodeValue(values[0]) : [...new Set(values)].map(encodeValue).join(',')}`);
  }
  return parts.length === 1 ? parts[0] : parts.join('&');
}

function collect(value: unknown, read: SearchRead, depth: number, out: string[], ofType: string | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, read, depth, out, ofType);
    return;
  }
  if (depth === read.steps.length) {
    if (ofType === undefined || hasType(value, ofType)) tokens(value, read.type, out);
    return;
  }
  if (value !== null && typeof value === 'object') collect((value as Record<string, unknown>)[read.steps[depth]], read, depth + 1, out, ofType);
}

/** Whether an identifier's type has a coding with this code (`FILL`). */
function hasType(identifier: unknown, code: string): boolean {
  const coding = (identifier as { type?: { coding?: unknown } } | null)?.type?.coding;
  return Array.isArray(coding) && coding.some((c) => (c as { code?: unknown } | null)?.code === code);
}

/**
 * A token as FHIR search writes it (search.html#token): `system|code` for a coding or an
 * identifier, `|value` for an identifier without a system (so it cannot match the same number
 * of another system), the bare value for a code or a text.
 */
function tokens(value: unknown, type: string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') {
    if (String(value) !== '') out.push(escapeToken(String(value)));
    return;
  }
  const object = value as Record<string, unknown>;
  const pair = (system: unknown, code: unknown): void => {
    if (typeof code !== 'string' || code === '') return;
    out.push(`${typeof system === 'string' && system !== '' ? escapeToken(system) : ''}|${escapeToken(code)}`);
  };
  switch (type) {
    case 'Identifier': pair(object.system, object.value); return;
    case 'Coding': pair(object.system, object.code); return;
    case 'CodeableConcept':
      if (Array.isArray(object.coding)) for (const coding of object.coding) if (coding && typeof coding === 'object') pair((coding as Record<string, unknown>).system, (coding as Record<string, unknown>).code);
      return;
    case 'ContactPoint':
      if (typeof object.value === 'string' && object.value !== '') out.push(escapeToken(object.value));
      return;
    default:
  }
}

/** FHIR search escapes `\`, `,`, `|` and `$` inside a value with a backslash (search.html#escaping). */
function escapeToken(text: string): string {
  // Most values have nothing to escape: a test is cheaper than a replace with a callback.
  return ESCAPED.test(text) ? text.replace(/[\\,|$]/g, (c) => `\\${c}`) : text;
}

const ESCAPED = /[\\,|$]/;

/**
 * A value as it goes into the query: percent-encoded as a URL query component, except the
 * characters FHIR searches are written with and every server reads as they are (`:` `/` `|` `,`),
 * so `identifier=urn:oid:1.2.3|A1` stays readable in the Bundle.
 */
function encodeValue(value: string): string {
  // Text of only these characters is what encodeURIComponent leaves (plus the four put back below): no work to do.
  if (PLAIN.test(value)) return value;
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%7C/g, '|').replace(/%2C/g, ',');
}

const PLAIN = /^[A-Za-z0-9\-_.!~*'():/|,]*$/;
