import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { Decimal, jsonNumber, numberOf } from './Decimal';
import { parseJson } from './parseJson';
import { writeJson } from './writeJson';

describe('Decimal', () => {
  test.each([
    ['1.5', 1.5], ['170', 170], ['0.04', 0.04], ['-3', -3], ['1e+21', 1e21],
  ])('%s is a plain number: JavaScript writes it back the same', (text, value) => {
    expect(jsonNumber(text)).toBe(value);
  });

  test.each(['1.50', '0.040', '170.0', '-0', '1e5', '1E-7', '12345678901234567890', '0.10000000000000000555'])('%s keeps its text', (text) => {
    const n = jsonNumber(text);
    expect(n).toBeInstanceOf(Decimal);
    expect((n as Decimal).text).toBe(text);
    expect(numberOf(n)).toBe(Number(text));
  });

  test.each(['01', '+1', '.5', '1.', '1,5', 'NaN', '', ' 1'])('refuses %j, which is no JSON number', (text) => {
    expect(errorOf(() => new Decimal(text)).code).toBe('JSON_BAD_DECIMAL');
  });

  it('computes as its number', () => {
    const d = new Decimal('1.50');
    expect(+d * 2).toBe(3);
    expect(`${d}`).toBe('1.50');
    expect(numberOf('1.50')).toBeUndefined();
  });
});

describe('writeJson', () => {
  it('writes a Decimal as its text, in place, compact and indented', () => {
    const value = { valueQuantity: { value: new Decimal('1.50'), unit: 'mg' }, list: [new Decimal('0.040'), 2, new Decimal('170.0')] };
    expect(writeJson(value)).toBe('{"valueQuantity":{"value":1.50,"unit":"mg"},"list":[0.040,2,170.0]}');
    expect(writeJson(value, 2)).toBe('{\n  "valueQuantity": {\n    "value": 1.50,\n    "unit": "mg"\n  },\n  "list": [\n    0.040,\n    2,\n    170.0\n  ]\n}');
    expect(writeJson(new Decimal('-0'))).toBe('-0');
  });

  it('writes everything else as JSON.stringify does, with and without Decimals beside it', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, 4), (value, indent) => {
      expect(writeJson(value, indent)).toBe(JSON.stringify(value, null, indent));
      // The same data next to a Decimal takes the writer's own path: the rest must not change.
      const beside = writeJson({ d: new Decimal('1.50'), value }, indent);
      expect(beside).toBe(JSON.stringify({ d: 1.5, value }, null, indent).replace('1.5', '1.50'));
    }));
    // A string of the data that looks like the writer's marker for a Decimal is still that string.
    const lookalike = { s: '\u0000decimal:1.50', t: 'x"\u0000decimal:7', d: new Decimal('2.0') };
    expect(writeJson(lookalike)).toBe(JSON.stringify({ ...lookalike, d: 2 }).replace('"d":2', '"d":2.0'));
    expect(JSON.stringify(new Decimal('2.0'))).toBe('2');
    const odd = { a: undefined, b: [undefined, () => 1, NaN, Infinity, -0], c: 'é\u2028"\\\ud800', d: new Date(0) };
    expect(writeJson({ ...odd, x: new Decimal('2.0') })).toBe(JSON.stringify({ ...odd, x: 2 }).replace('"x":2', '"x":2.0'));
  });
});

describe('parseJson', () => {
  it('reads what writeJson wrote back to the same values and text', () => {
    const text = '{"value":1.50,"low":0.040,"n":170,"h":170.0,"big":12345678901234567890,"e":1e5,"s":"1.50","a":[true,false,null,-0.5]}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(value.value).toEqual(new Decimal('1.50'));
    expect(value.n).toBe(170);
    expect(value.s).toBe('1.50');
    expect(writeJson(value)).toBe(text);
  });

  it('gives what JSON.parse gives for any JSON without such numbers, whatever its spacing', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      expect(parseJson(text)).toEqual(JSON.parse(text));
    }));
  });

  it('keeps a __proto__ key as an own member, as JSON.parse does', () => {
    const value = parseJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['', 0], ['01', 1], ['[1,]', 3], ['{"a":1,}', 7], ['tru', 0], ['"\u0001"', 0], ['1 2', 2], ['[1.]', 2], ['.5', 0], ['{"a" 1}', 5], ['"a\\q"', 0], ['"open', 5],
  ])('refuses %j with JSON_SYNTAX at offset %i, quoting nothing', (text, offset) => {
    const error = errorOf(() => parseJson(text));
    expect(error.code).toBe('JSON_SYNTAX');
    expect(error.where).toEqual({ offset });
    expect(error.message).toMatch(/^The text is not valid JSON: it (ends too early|has a character that does not fit JSON) at offset \d+\.$/);
  });

  it('refuses nesting deeper than its limit instead of overflowing the stack', () => {
    expect(errorOf(() => parseJson('['.repeat(100_000))).toJSON()).toEqual({ code: 'JSON_TOO_DEEP', message: 'The JSON nests deeper than 1000 levels.', where: { offset: 1000 } });
    expect(errorOf(() => parseJson('[[[1]]]', { maxDepth: 2 })).code).toBe('JSON_TOO_DEEP');
    expect(parseJson('[[1]]', { maxDepth: 2 })).toEqual([[1]]);
  });

  it('reads long strings with escapes without a regular expression running out of stack', () => {
    const text = JSON.stringify({ a: 'x\\"y'.repeat(200_000), b: 'é'.repeat(500_000) });
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });
});
