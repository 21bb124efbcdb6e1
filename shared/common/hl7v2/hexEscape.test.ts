import { describe, expect, it, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { decodeHex, hexCharsetOf, type HexCharset } from './hexEscape';
import { parseHl7 } from './parseHl7';

const utf8: HexCharset = { name: 'UNICODE UTF-8', kind: 'utf-8' };
const latin1: HexCharset = { name: '8859/1', kind: 'latin1' };
const ascii: HexCharset = { name: 'ASCII', kind: 'ascii' };

describe('decodeHex', () => {
  test.each([
    ['41', utf8, 'A'], ['C3A9', utf8, 'é'], ['E282AC', utf8, '€'], ['F09F9880', utf8, '😀'], ['0D0A09', utf8, '\r\n\t'],
    ['E9', latin1, 'é'], ['DCFF', latin1, 'Üÿ'], ['27', ascii, "'"], ['c3a9', utf8, 'é'],
  ])('%s in %s', (digits, charset, text) => {
    expect(decodeHex(digits, charset)).toBe(text);
  });

  test.each([
    ['E9', 'a lone Latin-1 byte'], ['C3', 'a cut sequence'], ['C0AF', 'an overlong slash'], ['EDA080', 'a surrogate'], ['F4908080', 'past U+10FFFF'], ['F5808080', 'no such lead byte'], ['80', 'a continuation byte first'],
  ])('refuses %s in UTF-8 (%s)', (digits) => {
    expect(errorOf(() => decodeHex(digits, utf8)).toJSON()).toEqual({ code: 'HL7_HEX_INVALID', message: 'A hex escape (\\X..\\) holds bytes that are not valid UTF-8, the character set of the message (MSH-18).', where: {} });
  });

  it('refuses a byte past 7F in ASCII, control characters in any set, and sets it cannot read', () => {
    expect(errorOf(() => decodeHex('E9', ascii)).message).toBe('A hex escape (\\X..\\) holds bytes that are not valid ASCII, the character set of the message (MSH-18).');
    expect(errorOf(() => decodeHex('00', latin1)).message).toBe('A hex escape (\\X..\\) decodes to a control character, which is not text.');
    expect(errorOf(() => decodeHex('7F', utf8)).code).toBe('HL7_HEX_INVALID');
    expect(errorOf(() => decodeHex('E9', hexCharsetOf(['8859/2']))).code).toBe('HL7_HEX_CHARSET');
  });

  it('reads MSH-18 as the codec reads bytes: empty and UNICODE are UTF-8', () => {
    expect(['', 'UNICODE', 'UNICODE UTF-8', '8859/1', 'ascii', 'ISO IR87', 'NOPE'].map((v) => hexCharsetOf([v]).kind)).toEqual(['utf-8', 'utf-8', 'utf-8', 'latin1', 'ascii', 'unsupported', 'unsupported']);
  });
});

describe('a message with hex escapes', () => {
  const text = 'MSH|^~\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5.1||||||8859/1\rPID|1||1||M\\XDC\\LLER^Ren\\XE9\\e~\\E\\X41\\E\\\r';

  it('reads each value decoded in MSH-18\'s set, a value\'s own escaped \\X41\\ as text, and writes the message back unchanged', () => {
    const message = parseHl7(text);
    expect(message.getAll('PID-5.1')).toEqual(['MÜLLER', '\\X41\\']);
    expect(message.get('PID-5.2')).toBe('Renée');
    expect(message.toString()).toBe(text);
  });

  it('fails as a whole when one escape does not fit, naming segment, field and line', () => {
    expect(errorOf(() => parseHl7(text.replace('8859/1', 'ASCII'))).toJSON()).toEqual({
      code: 'HL7_HEX_INVALID',
      message: 'A hex escape (\\X..\\) holds bytes that are not valid ASCII, the character set of the message (MSH-18).',
      where: { message: 1, segment: 2, segmentId: 'PID', field: 5, offset: 56, line: 2 },
    });
  });
});
