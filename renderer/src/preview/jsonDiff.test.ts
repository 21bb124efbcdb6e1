import { describe, expect, it } from 'vitest';
import { jsonDiff } from './jsonDiff';

describe('jsonDiff', () => {
  it('finds no difference between equal documents', () => {
    expect(jsonDiff({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('lists changed, added and removed leaves with their paths', () => {
    expect(jsonDiff(
      { entry: [{ resource: { gender: 'female', birthDate: '1980' } }] },
      { entry: [{ resource: { gender: 'male', active: true } }] },
    )).toEqual([
      { path: 'entry[0].resource.gender', expected: '"female"', actual: '"male"' },
      { path: 'entry[0].resource.birthDate', expected: '"1980"', actual: '—' },
      { path: 'entry[0].resource.active', expected: '—', actual: 'true' },
    ]);
  });
});
