export interface JsonDifference {
  path: string;
  /** JSON text of each side; '—' where the side has nothing. */
  expected: string;
  actual: string;
}

const ABSENT = '—';
const show = (v: unknown): string => (v === undefined ? ABSENT : JSON.stringify(v));

/** Leaf-level differences between two JSON values, in document order, with `a.b[0].c` paths. */
export function jsonDiff(expected: unknown, actual: unknown, path = ''): JsonDifference[] {
  if (Object.is(expected, actual)) return [];
  const bothArrays = Array.isArray(expected) && Array.isArray(actual);
  const bothObjects = !bothArrays && isObject(expected) && isObject(actual);
  if (bothArrays) {
    const out: JsonDifference[] = [];
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) out.push(...jsonDiff(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (bothObjects) {
    const out: JsonDifference[] = [];
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) out.push(...jsonDiff(expected[key], actual[key], path ? `${path}.${key}` : key));
    return out;
  }
  return [{ path: path || '(root)', expected: show(expected), actual: show(actual) }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
