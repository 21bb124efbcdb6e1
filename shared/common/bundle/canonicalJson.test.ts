import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonPretty } from './canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 0, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":0}]},"b":1}');
  });

  it('gives the same text for objects built in different key orders', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
      const reversed = Object.fromEntries(Object.entries(dict).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      expect(JSON.parse(canonicalJson(dict))).toEqual(JSON.parse(JSON.stringify(dict)));
    }), { numRuns: 200 });
  });

  it('pretty form parses back to the same value and re-serializes identically', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const pretty = canonicalJsonPretty(value);
      expect(canonicalJson(JSON.parse(pretty))).toBe(canonicalJson(value));
      expect(canonicalJsonPretty(JSON.parse(pretty))).toBe(pretty);
    }), { numRuns: 200 });
  });

  it('indents with two spaces', () => {
    expect(canonicalJsonPretty({ b: [1, 2], a: {} })).toBe('{\n  "a": {},\n  "b": [\n    1,\n    2\n  ]\n}\n');
  });

  it('refuses values JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('The number at $.a[1] is not finite, so it cannot be written as JSON.');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('The value at $.f is a function, which JSON cannot carry.');
  });
});
