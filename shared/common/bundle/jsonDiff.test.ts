import { describe, expect, it } from 'vitest';
import { jsonDiff } from './jsonDiff';

describe('jsonDiff', () => {
  it('finds nothing between equal documents, whatever order their keys were built in', () => {
    expect(jsonDiff({ a: [1, { b: 'x', c: null }], d: true }, { d: true, a: [1, { c: null, b: 'x' }] })).toEqual([]);
  });

  it('reports the deepest differing paths, added and removed members as absent', () => {
    expect(jsonDiff(
      { entry: [{ resource: { gender: 'male', name: [{ family: 'A' }] } }] },
      { entry: [{ resource: { gender: 'female', name: [{ family: 'A' }, { family: 'B' }], active: true } }] },
    )).toEqual([
      { path: 'entry[0].resource.active', expected: undefined, actual: true },
      { path: 'entry[0].resource.gender', expected: 'male', actual: 'female' },
      { path: 'entry[0].resource.name[1]', expected: undefined, actual: { family: 'B' } },
    ]);
    expect(jsonDiff('a', 'b')).toEqual([{ path: '', expected: 'a', actual: 'b' }]);
  });

  it('lists the same differences whatever key order either side has', () => {
    const expected = jsonDiff({ b: 1, a: 1 }, { a: 2, b: 2 });
    expect(expected.map((d) => d.path)).toEqual(['a', 'b']);
    expect(jsonDiff({ a: 1, b: 1 }, { b: 2, a: 2 })).toEqual(expected);
  });

  it('sees a member named like an Object.prototype method', () => {
    expect(jsonDiff({}, { valueOf: 'x', constructorName: 1 })).toEqual([
      { path: 'constructorName', expected: undefined, actual: 1 },
      { path: 'valueOf', expected: undefined, actual: 'x' },
    ]);
  });

  it('compares as JSON: NaN and Infinity are null, -0 is 0, an undefined member is absent, an undefined item is null', () => {
    expect(jsonDiff({ v: null, w: [null] }, { v: Number.NaN, w: [undefined] })).toEqual([]);
    expect(jsonDiff({ v: Number.POSITIVE_INFINITY }, { v: null })).toEqual([]);
    expect(jsonDiff({ v: 0 }, { v: -0 })).toEqual([]);
    expect(jsonDiff({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
    expect(jsonDiff({ v: Number.NaN }, { v: 1 })).toEqual([{ path: 'v', expected: null, actual: 1 }]);
    // What a JSON round trip does to a value never shows as a difference.
    const value = { n: Number.NaN, z: -0, u: undefined, list: [undefined, 1] };
    expect(jsonDiff(value, JSON.parse(JSON.stringify(value)))).toEqual([]);
  });
});
