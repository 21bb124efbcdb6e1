import { CrosswalkError } from '../errors/CrosswalkError';

/**
 * Keys that change an object's prototype or shadow its machinery when assigned. A spec, a bundle
 * or a message can never make the engine write them: specs are refused on load, and output
 * paths and JSON keys are checked before any write.
 */
export function isForbiddenKey(key: string): boolean {
  // Compared directly, not through a Set: the engine asks for every member of every object it writes.
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * Walks parsed JSON (as JSON.parse returns it: own keys only) and refuses the first forbidden
 * key, naming where it is. Runs before schema validation, because validators copy objects by
 * assignment and would trip over the very key being refused.
 */
export function assertNoForbiddenKeys(value: unknown, where: string, code = 'SPEC_FORBIDDEN_KEY'): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: where }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(current)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (isForbiddenKey(key)) {
        throw new CrosswalkError(code, `The key "${key}" is not allowed anywhere in a mapping, because it could alter how objects behave.`, { path: child });
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child });
    }
  }
}
