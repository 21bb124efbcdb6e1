import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { iterateHl7Batch, parseHl7, parseHl7Batch } from './parseHl7';
import { errorOf } from '../errors/errorOf';

const samplesDir = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const sampleFiles = readdirSync(samplesDir).filter((name) => name.endsWith('.hl7')).sort();
const readSample = (name: string): string => readFileSync(join(samplesDir, name), 'utf8');

/** The text a lossless codec must give back: BOM dropped, terminators CR. */
function normalized(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n|\n/g, '\r');
}

describe('round trip on every reference sample', () => {
  test('there are samples to test', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(16);
  });

  test.each(sampleFiles)('%s: serialize(parse(text)) === text', (name) => {
    const text = readSample(name);
    expect(parseHl7(text).toString()).toBe(normalized(text));
  });

  test.each(sampleFiles)('%s: LF and CRLF terminators, MLLP framing give the same message', (name) => {
    const cr = normalized(readSample(name));
    expect(parseHl7(cr.replace(/\r/g, '\n')).toString()).toBe(cr);
    expect(parseHl7(cr.replace(/\r/g, '\r\n')).toString()).toBe(cr);
    expect(parseHl7(`\x0b${cr}\x1c\r`).toString()).toBe(cr);
  });
});

describe('known values from fhirconverter_ADT-A01-01.hl7', () => {
  const message = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7'));

  test.each([
    ['MSH-1', '|'],
    ['MSH-2', '^~\\&'],
    ['MSH-3', 'ADTApp'],
    ['MSH-9.1', 'ADT'],
    ['MSH-9.2', 'A01'],
    ['MSH-9.3', 'ADT_A01'],
    ['MSH-12', '2.8'],
    ['PID-3.1', 'PATID1234'],
    ['PID-3[2].1', '123456789'],
    ['PID-3[2].4', 'USSSA'],
    ['PID-3.4.1', 'test1'],
    ['PID-3.4.2', '2.16.1'],
    ['PID-5.1', 'EVERYMAN'],
    ['PID-5.1.5', 'Aniston'],
    ['PID-5[2].1', 'Josh'],
    ['PID-8', 'M'],
    ['PV1-18', 'Inpatient'],
    ['PV1-14', 'NHS Provider-General (inc.A&E-this Hosp)'],
    ['OBX-5', '60'],
    ['OBX-5[2]', '120'],
  ])('%s = %s', (path, value) => {
    expect(message.get(path)).toBe(value);
  });

  test('getAll collects repetitions', () => {
    expect(message.getAll('PID-3.1')).toEqual(['PATID1234', '123456789']);
    expect(message.getAll('OBX-5')).toEqual(['60', '120']);
  });

  test('absent values are undefined', () => {
    expect(message.get('PID-2')).toBe('1234567');
    expect(message.get('PID-2.2')).toBe('4');
    expect(message.get('PID-2.9')).toBeUndefined();
    expect(message.get('PID-4.2')).toBeUndefined();
    expect(message.get('PID-3[3].1')).toBeUndefined();
    expect(message.get('ZZZ-1')).toBeUndefined();
    expect(message.get('PID-99')).toBeUndefined();
  });
});

describe('malformed input', () => {
  test.each([
    ['', 'HL7_EMPTY', 'The input holds no HL7 v2 message.', { offset: 0, line: 1 }],
    ['\r\n  \r', 'HL7_EMPTY', 'The input holds no HL7 v2 message.', { offset: 0, line: 1 }],
    ['PID|1||123\r', 'HL7_NO_MSH', 'A message must start with an MSH segment, but this one starts with the segment PID.', { message: 1, segment: 1, offset: 0, line: 1 }],
    ['MSH|^~\\\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5\r', 'HL7_BAD_ENCODING_CHARS', 'MSH-1 and MSH-2 do not form a usable delimiter set: the delimiters must all be different.', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSH|^~\\&#$|A|B|C|D|20200101||ADT^A01|1|P|2.5\r', 'HL7_BAD_ENCODING_CHARS', 'MSH-2 must hold 4 encoding characters (component, repetition, escape, subcomponent), or 5 with the v2.7 truncation character, but it holds 6.', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSH|^~&|A|B|C|D|20200101||ADT^A01|1|P|2.5\r', 'HL7_BAD_ENCODING_CHARS', 'MSH-2 must hold 4 encoding characters (component, repetition, escape, subcomponent), or 5 with the v2.7 truncation character, but it holds 3.', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSH|^^\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5\r', 'HL7_BAD_ENCODING_CHARS', 'MSH-1 and MSH-2 do not form a usable delimiter set: the delimiters must all be different.', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSHA^~\\&A\r', 'HL7_BAD_ENCODING_CHARS', 'MSH-1 and MSH-2 do not form a usable delimiter set: delimiters cannot be letters, digits, spaces or control characters.', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSH|^~', 'HL7_TRUNCATED', 'The input ends inside the MSH segment, within its encoding characters (MSH-2).', { message: 1, segment: 1, segmentId: 'MSH', field: 2, offset: 0, line: 1 }],
    ['MSH|^~\\&|App|Fac|', 'HL7_TRUNCATED', 'The input ends inside the MSH segment, after MSH-5, before the version (MSH-12).', { message: 1, segment: 1, segmentId: 'MSH', field: 5, offset: 0, line: 1 }],
    ['\x0bMSH|^~\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5\rPID|1\r', 'HL7_TRUNCATED', 'The input ends inside an MLLP frame: the end byte (0x1C) is missing, so the message may be cut short.', { message: 1, offset: 50 }],
    ['\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'HL7_BINARY', 'The input holds binary data (control characters), not HL7 v2 text.', { message: 1, offset: 6, line: 2 }],
    ['MSH|^~\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5\rPID|1||12\x0034\r', 'HL7_BINARY', 'The message holds binary data (control characters), not HL7 v2 text.', { message: 1, segment: 2, offset: 52, line: 2 }],
    ['MSH|^~\\&|A|B|C|D|20200101||ADT^A01|1|P|2.5\rthis is not a segment\r', 'HL7_BAD_SEGMENT', 'This line does not start with a segment id (three capital letters or digits) followed by the field separator.', { message: 1, segment: 2, offset: 43, line: 2 }],
  ])('%j → %s', (text, code, sentence, where) => {
    const error = errorOf(() => parseHl7(text));
    expect(error.code).toBe(code);
    expect(error.message).toBe(sentence);
    expect(error.where).toEqual(where);
  });

  test('text that is not a segment is not quoted (it may be patient data)', () => {
    const error = errorOf(() => parseHl7('Smith, John 1970-01-01\r'));
    expect(error.toString()).toBe('HL7_NO_MSH: A message must start with an MSH segment, but this one starts with text that is not a segment. (message 1, segment 1, line 1, offset 0)');
  });

  test('two messages where one is expected', () => {
    const one = normalized(readSample('fhirconverter_ADT-A01-01.hl7'));
    const error = errorOf(() => parseHl7(one + one));
    expect(error.code).toBe('HL7_MULTIPLE_MESSAGES');
    expect(error.message).toBe('The text holds 2 messages where one was expected; read it as a batch.');
    expect(error.where).toEqual({ message: 2, offset: one.length, line: one.split('\r').length });
  });
});

describe('batch input', () => {
  const a = normalized(readSample('fhirconverter_ADT-A01-01.hl7'));
  const b = normalized(readSample('fhirconverter_ORU-R01-01.hl7'));
  const c = normalized(readSample('izgateway_VXU_V04.hl7'));

  test('back to back, with positions, offsets and lines', () => {
    const text = '\uFEFF' + a + b + c;
    const items = parseHl7Batch(text);
    expect(items.map((item) => [item.position, item.offset, item.line, item.message?.toString()])).toEqual([
      [1, 1, 1, a],
      [2, 1 + a.length, a.split('\r').length, b],
      [3, 1 + a.length + b.length, a.split('\r').length + b.split('\r').length - 1, c],
    ]);
  });

  test('FHS/BHS/BTS/FTS envelope segments are not messages', () => {
    const text = 'FHS|^~\\&|SND|FAC\nBHS|^~\\&|SND|FAC\n' + a.replace(/\r/g, '\n') + b.replace(/\r/g, '\n') + 'BTS|2\nFTS|1\n';
    const items = parseHl7Batch(text);
    expect(items.map((item) => item.message?.toString())).toEqual([a, b]);
    expect(items.map((item) => item.line)).toEqual([3, 3 + a.split('\r').length - 1]);
    expect(items.map((item) => text.slice(item.offset, item.end))).toEqual([a.replace(/\r/g, '\n'), b.replace(/\r/g, '\n')]);
  });

  test('iterateHl7Batch yields the same items one at a time', () => {
    const text = `\x0b${a}\x1c\r` + 'PID|orphan\r' + b + 'BTS|1\r' + c;
    const all = parseHl7Batch(text);
    const iterated = [...iterateHl7Batch(text)];
    expect(iterated.map((i) => [i.position, i.offset, i.line, i.error?.code, i.message?.toString()])).toEqual(all.map((i) => [i.position, i.offset, i.line, i.error?.code, i.message?.toString()]));
    expect(all.map((i) => i.error?.code ?? 'ok')).toEqual(['ok', 'HL7_NO_MSH', 'ok', 'ok']);
  });

  test('MLLP-framed messages', () => {
    const text = `\x0b${a}\x1c\r\x0b${b}\x1c\r`;
    const items = parseHl7Batch(text);
    expect(items.map((item) => item.message?.toString())).toEqual([a, b]);
    expect(items.map((item) => item.offset)).toEqual([1, a.length + 4]);
    // end: just past the last segment's terminator; the frame bytes are not part of the message.
    expect(items.map((item) => text.slice(item.offset, item.end))).toEqual([a, b]);
  });

  test('a bad message in the middle becomes an error item and the next one is still read', () => {
    const text = a + 'MSH|^~|bad\r' + b;
    const items = parseHl7Batch(text, { file: 'in.hl7' });
    expect(items.length).toBe(3);
    expect(items[0].message?.toString()).toBe(a);
    expect(items[1].error?.toString()).toBe(
      `HL7_BAD_ENCODING_CHARS: MSH-2 must hold 4 encoding characters (component, repetition, escape, subcomponent), or 5 with the v2.7 truncation character, but it holds 2. (in.hl7, message 2, segment 1 MSH, field 2, line ${a.split('\r').length}, offset ${a.length})`,
    );
    expect(items[2].message?.toString()).toBe(b);
  });

  test('an MLLP frame without its end byte before the next frame', () => {
    const text = `\x0b${a}\x0b${b}\x1c\r`;
    const items = parseHl7Batch(text);
    expect(items[0].error?.code).toBe('HL7_TRUNCATED');
    expect(items[0].error?.message).toBe('The MLLP frame of this message has no end byte (0x1C) before the next frame starts.');
    expect(items[1].message?.toString()).toBe(b);
  });
});

describe('delimiters and tolerated input', () => {
  test('v2.7 truncation character is the 5th encoding character and data, not a separator', () => {
    const text = 'MSH|^~\\&#|A|B|C|D|20240101||ORU^R01|1|P|2.7\rOBX|1|ST|x||Long text cut he#|\\P\\ shown\r';
    const message = parseHl7(text);
    expect(message.delimiters).toEqual({ field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&', truncation: '#' });
    expect(message.get('MSH-2')).toBe('^~\\&#');
    expect(message.get('OBX-5')).toBe('Long text cut he#');
    expect(message.get('OBX-6')).toBe('\\P\\ shown');
    expect(message.toString()).toBe(text);
  });

  test('blank and whitespace-only lines between segments are skipped; trailing spaces in segments kept', () => {
    const message = parseHl7('\uFEFFMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r\n\r\n   \nPID|1||x  \n\t\n');
    expect(message.toString()).toBe('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||x  \r');
    expect(message.segments.map((s) => [s.id, s.line, s.offset])).toEqual([
      ['MSH', 1, 1],
      ['PID', 4, 51],
    ]);
  });

  test('a message without a final terminator is complete when MSH is whole', () => {
    expect(parseHl7('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1').toString()).toBe('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1\r');
  });

  test('other delimiter sets are read from MSH-1 and MSH-2', () => {
    const message = parseHl7('MSH#!@$%#SND#FAC#R#F#20240101##ADT!A01#1#P#2.5\rPID#1##id1!x%y@id2##Name $T$ Co\r');
    expect(message.get('MSH-9.2')).toBe('A01');
    expect(message.get('PID-3.2.2')).toBe('y');
    expect(message.get('PID-3[2]')).toBe('id2');
    expect(message.get('PID-5')).toBe('Name % Co');
  });
});
