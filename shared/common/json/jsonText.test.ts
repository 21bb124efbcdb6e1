import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { Decimal } from './Decimal';
import { formatJsonPath, parseJsonPath } from './jsonPath';
import { locateJsonError } from './locateJsonError';
import { parseJsonText } from './parseJsonText';
import { positionAt } from './textPosition';
import { writeJson } from './writeJson';

describe('parseJsonText', () => {
  test('reads a document, skipping a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"systolic": 128, "ok": true, "unit": "mmHg"}')).toEqual({ systolic: 128, ok: true, unit: 'mmHg' });
  });

  test('keeps a decimal\'s text where a JavaScript number would lose it (120.0, 0.040), and reads other numbers as numbers', () => {
    const value = parseJsonText('{"systolic": 120.0, "diastolic": 80, "glucose": 0.040, "pulse": 66.5}') as Record<string, unknown>;
    expect(value.systolic).toEqual(new Decimal('120.0'));
    expect(value.glucose).toEqual(new Decimal('0.040'));
    expect([value.diastolic, value.pulse]).toEqual([80, 66.5]);
    expect(writeJson(value)).toBe('{"systolic":120.0,"diastolic":80,"glucose":0.040,"pulse":66.5}');
  });

  test.each([
    ['{"a": 1,, }', 1, 9, 'a property name in double quotes is expected here'],
    ['{\n  "systolic": 128\n  "diastolic": 82\n}', 3, 3, 'a "," or "}" is expected here'],
    ['[1, 2', 1, 6, 'the text ends before the array is closed with "]"'],
    ['{"name": John}', 1, 10, 'a value is expected here (an object, array, string, number, true, false or null)'],
    ['', 1, 1, 'the text holds no JSON value'],
    ['{"a":1} {"a":2}', 1, 9, 'there is more text after the JSON value (one document per input; use NDJSON for one per line)'],
    ['{"a": "line\nbreak"}', 1, 12, 'a string holds a control character (a line break or tab inside a string must be written \\n or \\t)'],
    ['{"a": "\\x"}', 1, 8, 'a string holds an escape that JSON does not have'],
    ['{"a": -}', 1, 7, 'a number is malformed'],
    ['{"a": "open', 1, 7, 'the text ends inside a string that starts here'],
    ['{"a" 1}', 1, 6, 'a ":" is expected after the property name'],
  ])('%j is JSON_INVALID at line %i, column %i', (text, line, column, reason) => {
    const error = errorOf(() => parseJsonText(text, { file: 'in.json' }));
    expect(error.code).toBe('JSON_INVALID');
    expect(error.message).toBe(`The JSON is not valid at line ${line}, column ${column}: ${reason}.`);
    expect(error.where).toMatchObject({ file: 'in.json', line, column });
  });

  test('never quotes the text in its sentence', () => {
    expect(errorOf(() => parseJsonText('{"name": Jonathan}')).message).not.toContain('Jonathan');
  });

  test('a slice of a larger text is placed on the lines of that text (NDJSON)', () => {
    const text = '{"a":1}\n{"a":2,}\n';
    const error = errorOf(() => parseJsonText(text, {}, 8, 17, 2));
    expect(error.where).toEqual({ line: 2, column: 8, offset: 15 });
  });

  test('nesting past 256 levels is JSON_TOO_DEEP, found without recursion', () => {
    const deep = `${'['.repeat(300)}1${']'.repeat(300)}`;
    const error = errorOf(() => parseJsonText(deep));
    expect(error.code).toBe('JSON_TOO_DEEP');
    expect(error.message).toBe('The JSON nests objects and arrays deeper than 256 levels.');
    expect(parseJsonText(`${'['.repeat(255)}1${']'.repeat(255)}`)).toBeDefined();
  });

  test('the locator agrees with JSON.parse on what is valid (property)', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"\\u00e9"', '1', '-2.5e3', 'true', 'null', ' ', '\n', '"', 'x', '\\', '01');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
      const text = parts.join('');
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      const found = locateJsonError(text);
      expect(found.offset < 0).toBe(valid);
    }), { numRuns: 3000 });
  });

  test('positionAt counts LF, CRLF and CR line ends once each', () => {
    expect(positionAt('a\r\nb\rc\nd', 7)).toEqual({ line: 4, column: 1 });
    expect(positionAt('abc', 2)).toEqual({ line: 1, column: 3 });
  });
});

describe('JSON paths', () => {
  test.each([
    ['$', []],
    ['$.readings.systolic', [{ key: 'readings' }, { key: 'systolic' }]],
    ['$["first name"].x', [{ key: 'first name' }, { key: 'x' }]],
    ['$.readings[0]', [{ key: 'readings' }, { index: 0 }]],
    ['$["a\\"b"][12]', [{ key: 'a"b' }, { index: 12 }]],
  ])('%s', (text, steps) => {
    expect(parseJsonPath(text)).toEqual(steps);
    expect(formatJsonPath(parseJsonPath(text))).toBe(text);
  });

  test.each([
    ['readings', 1, 'a JSON path starts with $'],
    ['$.1x', 3, 'a name follows "." (letters, digits, _, $ and -, not starting with a digit; write other keys as ["key"])'],
    ['$[01]', 3, 'brackets hold an index from 0 or a quoted key'],
    ['$["open]', 3, 'the quoted key has no closing quote'],
    ['$.a b', 4, 'a step starts with "." or "["'],
  ])('%j is refused at column %i', (text, column, why) => {
    const error = errorOf(() => parseJsonPath(text));
    expect(error.code).toBe('JSON_PATH_INVALID');
    expect(error.message).toBe(`The JSON path "${text}" is not valid at column ${column}: ${why}.`);
    expect(error.where).toEqual({ path: text, column });
  });
});
