/** One difference between an expected and an actual JSON value; `undefined` means absent. */
export interface JsonDifference {
  /** `entry[0].resource.gender`; empty for the whole document. */
  path: string;
  expected: unknown;
  actual: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The differences between two JSON values, deepest first-differing paths only, in document
 * order: what a test failure shows so a reader sees at once which element changed.
 */
export function jsonDiff(expected: unknown, actual: unknown, path = '', out: JsonDifference[] = []): JsonDifference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) jsonDiff(expected[i], actual[i], `${path}[${i}]`, out);
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...Object.keys(expected)];
    for (const key of Object.keys(actual)) if (!(key in expected)) keys.push(key);
    for (const key of keys) jsonDiff(expected[key], actual[key], path === '' ? key : `${path}.${key}`, out);
    return out;
  }
  if (expected === actual) return out;
  if (typeof expected === 'number' && typeof actual === 'number' && Number.isNaN(expected) && Number.isNaN(actual)) return out;
  out.push({ path, expected, actual });
  return out;
}

/** `"male"`, `absent`, or compact JSON shortened for a terminal line. */
export function showJson(value: unknown, max = 120): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
