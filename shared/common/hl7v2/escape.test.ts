import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { DEFAULT_DELIMITERS, type Delimiters } from './Delimiters';
import { decodeValue, encodeValue } from './escape';

const d = DEFAULT_DELIMITERS;

describe('decodeValue', () => {
  test.each([
    ['plain', 'plain'],
    ['A\\T\\E', 'A&E'],
    ['a\\F\\b\\S\\c\\R\\d\\E\\e', 'a|b^c~d\\e'],
    ['O\\E\\Brien', 'O\\Brien'],
    ['line one\\.br\\line two', 'line one\\.br\\line two'],
    ['\\H\\bold\\N\\', '\\H\\bold\\N\\'],
    ['\\X0D0A\\', '\r\n'],
    ['M\\XC3BC\\ller', 'Müller'],
    ['\\X\\', '\\X\\'],
    ['\\X4\\', '\\X4\\'],
    ['\\Zlocal\\', '\\Zlocal\\'],
    ['\\C2842\\', '\\C2842\\'],
    ['cut\\P\\', 'cut\\P\\'],
    ['\\.sp+2\\', '\\.sp+2\\'],
    ['\\Q\\F\\', '\\Q|'],
    ['trailing \\', 'trailing \\'],
    ['\\.br\\\\T\\', '\\.br\\&'],
  ])('%s → %s', (raw, value) => {
    expect(decodeValue(raw, d)).toBe(value);
  });

  test('uses the message escape character, not a fixed backslash', () => {
    const custom: Delimiters = { field: '!', component: '@', repetition: '*', escape: '/', subcomponent: '%' };
    expect(decodeValue('A/T/E/F/x/.br/', custom)).toBe('A%E!x/.br/');
  });
});

describe('encodeValue', () => {
  test.each([
    ['A&E', 'A\\T\\E'],
    ['a|b^c~d\\e', 'a\\F\\b\\S\\c\\R\\d\\E\\e'],
    ['one\\.br\\two', 'one\\.br\\two'],
    ['C:\\temp', 'C:\\E\\temp'],
    ["O'Brien", "O'Brien"],
    // A value's own hex-like text is data: escaped, so it does not read back as hex.
    ['\\X41\\', '\\E\\X41\\E\\'],
  ])('%s → %s', (value, raw) => {
    expect(encodeValue(value, d)).toBe(raw);
  });

  test('refuses a line break with HL7_BAD_VALUE', () => {
    let caught: unknown;
    try {
      encodeValue('a\rb', d);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CrosswalkError);
    expect((caught as CrosswalkError).code).toBe('HL7_BAD_VALUE');
    expect((caught as CrosswalkError).message).toBe('A value cannot contain a line break in HL7 v2; use the \\.br\\ formatting escape instead.');
  });
});

/** Values rich in the characters that need care: every delimiter, escape-like sequences, non-ASCII. */
const trickyValue = fc
  .array(fc.oneof(fc.constantFrom('|', '^', '~', '\\', '&', '#', '\\.br\\', '\\H\\', '\\X41\\', '\\F\\', '\\E\\', '\\Zx\\', '\\P\\', '""', ' ', 'é', '漢'), fc.string({ maxLength: 4 })), { maxLength: 8 })
  .map((parts) => parts.join('').replace(/[\r\n]/g, ''));

test('property: decodeValue(encodeValue(v)) === v, and the encoding holds no delimiter', () => {
  fc.assert(
    fc.property(trickyValue, (value) => {
      const raw = encodeValue(value, d);
      expect(decodeValue(raw, d)).toBe(value);
      expect(/[|^~&\r\n]/.test(raw)).toBe(false);
    }),
    { numRuns: 2000 },
  );
});
