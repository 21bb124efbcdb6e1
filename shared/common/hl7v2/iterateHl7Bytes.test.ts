import { describe, expect, test } from 'vitest';
import { decodeHl7Text, iterateHl7Bytes, type Hl7DecoderFactory } from './iterateHl7Bytes';

const decoders: Hl7DecoderFactory = (label) => new TextDecoder(label, { fatal: true, ignoreBOM: true });
const read = (bytes: Uint8Array, file = 'in.hl7') => [...iterateHl7Bytes(bytes, { file, decoders })];

/** Bytes from ASCII text and byte lists, in order. */
function bytes(...parts: Array<string | number[] | Uint8Array>): Uint8Array {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
}

/** An ADT message whose MSH-18 is `charset` and whose PID-5.1 is `family` (bytes as given). */
function message(id: string, charset: string, family: string | number[] | Uint8Array): Uint8Array {
  return bytes(`MSH|^~\\&|SND|FAC|RCV|FAC|20240101||ADT^A01|${id}|P|2.5||||||${charset}\rPID|1||123||`, family, '^JOHN\r');
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('one bad byte fails its own message only', () => {
  test('a stray 0xFF in message 2 leaves message 1 UTF-8 (MÜLLER), and names the byte offset in the file', () => {
    const one = message('1', '', utf8('MÜLLER'));
    const two = message('2', '', [0x53, 0xff, 0x54]);
    const items = read(bytes(one, two));
    expect(items[0].message?.get('PID-5.1')).toBe('MÜLLER');
    const offset = one.length + two.indexOf(0xff);
    expect(items[1].error?.toJSON()).toEqual({
      code: 'HL7_ENCODING',
      message: `At byte offset ${offset} the input is not valid UNICODE UTF-8, the character set used when MSH-18 is empty; the message is not read.`,
      where: { file: 'in.hl7', message: 2, segment: 2, segmentId: 'PID', field: 5, line: 4, offset },
    });
    expect(items.map((i) => [i.position, i.offset, i.end, i.line])).toEqual([[1, 0, one.length, 1], [2, one.length, one.length + two.length, 3]]);
    expect(Buffer.from(items[1].bytes)).toEqual(Buffer.from(two));
  });

  test('each message is read in the character set its own MSH-18 declares', () => {
    const items = read(bytes(message('1', '8859/1', [0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52]), message('2', 'UNICODE UTF-8', utf8('MÜLLER')), message('3', '', utf8('Ørsted'))));
    expect(items.map((i) => i.message?.get('PID-5.1'))).toEqual(['MÜLLER', 'MÜLLER', 'Ørsted']);
  });

  test('a sequence cut short is reported at its first byte, a control character at its exact byte', () => {
    const cut = message('1', '', [0x41, 0xc3, 0x42]);
    expect(read(cut)[0].error?.where.offset).toBe(cut.indexOf(0xc3));
    const atEnd = bytes(`MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||x||`, [0xe2, 0x82], '\r');
    expect(read(atEnd)[0].error?.where.offset).toBe(atEnd.indexOf(0xe2));
    const control = message('1', '', bytes(utf8('Ünal'), [0x01]));
    expect(read(control)[0].error?.toJSON()).toEqual({
      code: 'HL7_BINARY', message: 'The message holds binary data (control characters), not HL7 v2 text.',
      where: { file: 'in.hl7', message: 1, segment: 2, line: 2, offset: control.indexOf(0x01) },
    });
  });
});

describe('HL7 table 0211 character sets', () => {
  test.each([
    ['ASCII', 'Miller', 'Miller'],
    ['8859/1', [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], 'Müller'],
    ['8859/2', [0xa3, 0xf3, 0x64, 0xbc], 'Łódź'],
    ['8859/3', [0xb1], 'ħ'],
    ['8859/4', [0xe0], 'ā'],
    ['8859/5', [0xb8, 0xd2, 0xd0, 0xdd, 0xde, 0xd2], 'Иванов'],
    ['8859/6', [0xc7], 'ا'],
    ['8859/7', [0xd9], 'Ω'],
    ['8859/8', [0xe0], 'א'],
    ['8859/9', [0xdd, 0xfe], 'İş'],
    ['8859/15', [0xa4], '€'],
    ['ISO IR87', [0x1b, 0x24, 0x42, 0x3b, 0x33, 0x45, 0x44, 0x1b, 0x28, 0x42], '山田'],
    ['~ISO IR87', [0x1b, 0x24, 0x42, 0x3b, 0x33, 0x45, 0x44, 0x1b, 0x28, 0x42], '山田'],
    ['GB 18030-2000', [0xd5, 0xc5, 0xce, 0xb0], '张伟'],
    ['KS X 1001', [0xb1, 0xe8], '김'],
    ['BIG-5', [0xb3, 0xaf], '陳'],
    ['UNICODE', utf8('Müller'), 'Müller'],
    ['UNICODE UTF-8', utf8('Müller'), 'Müller'],
    ['unicode utf-8', utf8('Müller'), 'Müller'],
    ['UTF-8', utf8('Müller'), 'Müller'],
  ] as Array<[string, string | number[] | Uint8Array, string]>)('%s', (charset, family, expected) => {
    const [item] = read(message('1', charset, family));
    expect(item.error).toBeUndefined();
    expect(item.message?.get('PID-5.1')).toBe(expected);
    expect(item.message?.get('PID-5.2')).toBe('JOHN');
  });

  test.each([
    ['ISO IR159', 'MSH-18 declares the character set "ISO IR159", which cannot be read: JIS X 0212 has no decoder in this runtime.'],
    ['CNS 11643-1992', 'MSH-18 declares the character set "CNS 11643-1992", which cannot be read: CNS 11643 has no decoder in this runtime.'],
    ['UNICODE UTF-16', 'MSH-18 declares the character set "UNICODE UTF-16", which cannot be read: UTF-16 is read only from a file that starts with a UTF-16 byte-order mark.'],
    ['UNICODE UTF-32', 'MSH-18 declares the character set "UNICODE UTF-32", which cannot be read: UTF-32 has no decoder in this runtime.'],
    ['KOI8-R', 'MSH-18 declares the character set "KOI8-R", which is not a value of HL7 table 0211.'],
    ['8859/1~ISO IR87', 'MSH-18 lists several character sets ("8859/1~ISO IR87") to switch between; only the Japanese ISO IR14 and ISO IR87 are read that way.'],
  ])('%s is refused with HL7_CHARSET_UNSUPPORTED, and the next message is still read', (charset, sentence) => {
    const first = message('1', charset, 'X');
    const items = read(bytes(first, message('2', '', 'Y')));
    expect(items[0].error?.toJSON()).toEqual({ code: 'HL7_CHARSET_UNSUPPORTED', message: sentence, where: { file: 'in.hl7', message: 1, segment: 1, segmentId: 'MSH', field: 18, offset: 0, line: 1 } });
    expect(items[1].message?.get('PID-5.1')).toBe('Y');
  });

  test('bytes outside the declared set: a high byte under ASCII, an unassigned byte in 8859/3', () => {
    const ascii = message('1', 'ASCII', [0x4d, 0xfc]);
    expect(read(ascii)[0].error?.toJSON()).toMatchObject({
      code: 'HL7_ENCODING', message: `At byte offset ${ascii.indexOf(0xfc)} the input is not valid ASCII, the character set MSH-18 declares; the message is not read.`,
    });
    const latin3 = message('1', '8859/3', [0xa5]);
    expect(read(latin3)[0].error?.where).toMatchObject({ offset: latin3.indexOf(0xa5), segment: 2, field: 5 });
  });
});

describe('byte input', () => {
  test('batches, MLLP frames and a UTF-8 byte-order mark are split on bytes; each item has its own bytes', () => {
    const a = message('1', '8859/1', [0xdc]);
    const b = message('2', '', utf8('Ü'));
    const envelope = 'FHS|^~\\&\rBHS|^~\\&\r';
    const input = bytes([0xef, 0xbb, 0xbf], envelope, a, 'BTS|1\r', [0x0b], b, [0x1c, 0x0d], 'FTS|1\r');
    const items = read(input);
    expect(items.map((i) => [i.offset, i.message?.get('PID-5.1')])).toEqual([[3 + envelope.length, 'Ü'], [3 + envelope.length + a.length + 'BTS|1\r'.length + 1, 'Ü']]);
    expect(items.map((i) => Buffer.from(i.bytes))).toEqual([Buffer.from(a), Buffer.from(b)]);
  });

  test('a UTF-16 file with a byte-order mark is read whole; offsets are bytes, and each message keeps the mark', () => {
    const text = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||x||Müller\rMSH|^~|bad\r';
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const items = read(input);
    expect(items[0].message?.get('PID-5')).toBe('Müller');
    expect(items[1].error?.where).toMatchObject({ offset: 2 + 2 * text.indexOf('MSH|^~|'), line: 3 });
    expect(items.map((i) => [i.offset, i.end])).toEqual([[2, 2 + 2 * text.indexOf('MSH|^~|')], [2 + 2 * text.indexOf('MSH|^~|'), input.length]]);
    expect(new TextDecoder('utf-16le').decode(items[1].bytes)).toBe('MSH|^~|bad\r');
    expect(read(Buffer.from([0xff, 0xfe, 0x4d, 0x00, 0x00, 0xd8, 0x53, 0x00]))[0].error?.toJSON()).toEqual({
      code: 'HL7_ENCODING', message: 'At byte offset 4 the input is not valid UTF-16, the character set its byte-order mark declares; the file is not read.', where: { file: 'in.hl7', offset: 4 },
    });
  });

  test('decodeHl7Text: each message in its own set, terminators and envelopes kept, the mark dropped', () => {
    const input = bytes([0xef, 0xbb, 0xbf], 'FHS|^~\\&\r\n', message('1', '8859/1', [0xdc]), '\r\n', message('2', '', utf8('Ü')), [0x0b], message('3', 'ASCII', 'X'), [0x1c, 0x0d]);
    expect(decodeHl7Text(input, { decoders })).toBe(
      'FHS|^~\\&\r\n'
      + 'MSH|^~\\&|SND|FAC|RCV|FAC|20240101||ADT^A01|1|P|2.5||||||8859/1\rPID|1||123||Ü^JOHN\r\r\n'
      + 'MSH|^~\\&|SND|FAC|RCV|FAC|20240101||ADT^A01|2|P|2.5||||||\rPID|1||123||Ü^JOHN\r'
      + '\x0bMSH|^~\\&|SND|FAC|RCV|FAC|20240101||ADT^A01|3|P|2.5||||||ASCII\rPID|1||123||X^JOHN\r\x1c\r',
    );
    const bad = bytes(message('1', '', 'A'), message('2', '', [0xff]));
    expect(() => decodeHl7Text(bad, { decoders, file: 'sample.hl7' })).toThrow(expect.objectContaining({ code: 'HL7_ENCODING', where: expect.objectContaining({ file: 'sample.hl7', offset: bad.lastIndexOf(0xff) }) }));
  });
});
