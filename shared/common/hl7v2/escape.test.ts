import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { DEFAULT_DELIMITERS, type Delimiters } from './Delimiters';
import { decodeFormattedText, decodeValue, encodeValue } from './escape';

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

describe('decodeFormattedText: FT formatting commands as text (HL7 v2 chapter 2)', () => {
  test.each([
    ['line one\\.br\\line two', 'line one\nline two'],
    ['a\\.sp\\b', 'a\nb'], // \.sp\ without a count is \.br\, as chapter 2 says for compatibility
    ['a\\.sp 3\\b', 'a\n\n\nb'],
    ['a\\.sp+2\\b', 'a\n\nb'],
    ['\\.in 4\\first\\.br\\second\\.in -2\\\\.br\\third', '    first\n    second\n  third'],
    ['\\.in 4\\\\.ti 0\\hanging\\.br\\body', 'hanging\n    body'],
    ['\\.ti +2\\one\\.br\\two', '  one\ntwo'],
    ['total\\.sk 5\\12', 'total     12'],
    ['left\\.ce\\TITLE', 'left\nTITLE'],
    ['\\.nf\\fixed\\.fi\\ wrapped', 'fixed wrapped'],
    ['\\H\\HIGH\\N\\ normal', 'HIGH normal'],
    ['trailing   \\.br\\  kept leading', 'trailing\n  kept leading'],
    ['\\.br\\\\.br\\text\\.br\\\\.br\\', 'text'],
    ['\\X0D\\ and \\Zlocal\\ stay', '\\X0D\\ and \\Zlocal\\ stay'],
    ['a \\ b \\.br\\ c', 'a \\ b\n c'],
    ['no commands', 'no commands'],
    ['a\\.sp 99999\\x', `a${'\n'.repeat(100)}x`], // counts are capped
  ])('%j → %j', (value, text) => {
    expect(decodeFormattedText(value)).toBe(text);
  });

  test('each repetition is a line, an absent one a blank line, and the indent carries over', () => {
    expect(decodeFormattedText(['\\.in 2\\Findings:', undefined, 'No acute disease.', null, ''])).toBe('  Findings:\n\n  No acute disease.');
  });

  test('markdown: a hard break at the end of each line, blank lines as paragraphs, highlighting bold', () => {
    expect(decodeFormattedText(['one', 'two', '', '\\H\\three\\N\\ four', '\\H\\open'], { markdown: true })).toBe('one  \ntwo\n\n**three** four  \n**open**');
  });

  test('uses the message escape character', () => {
    expect(decodeFormattedText('a/.br/b\\.br\\c', { escape: '/' })).toBe('a\nb\\.br\\c');
  });

  test('the decoded value of a real NTE-3 with \\.br\\ reads as lines', () => {
    const raw = 'Specimen received\\.br\\ \\H\\hemolyzed\\N\\\\.br\\Repeat advised';
    expect(decodeFormattedText(decodeValue(raw, d))).toBe('Specimen received\n hemolyzed\nRepeat advised');
  });
});
