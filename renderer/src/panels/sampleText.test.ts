import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromEditorText, sampleFileText, toEditorText } from './sampleText';

const cr = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');

describe('sample text through the editor', () => {
  it('gives back the exact bytes of a CR-terminated message (ids are hashed from them)', () => {
    expect(cr.includes('\r')).toBe(true);
    expect(fromEditorText(toEditorText(cr), cr)).toBe(cr);
  });

  it('keeps LF and CRLF files as they were', () => {
    const lf = cr.replace(/\r/g, '\n');
    const crlf = cr.replace(/\r/g, '\r\n');
    expect(fromEditorText(toEditorText(lf), lf)).toBe(lf);
    expect(fromEditorText(toEditorText(crlf).replace(/\n/g, '\r\n'), crlf)).toBe(crlf);
  });

  it('writes a pasted message with HL7\'s CR when the sample was empty', () => {
    expect(fromEditorText('MSH|^~\\&|A\nPID|1', '')).toBe('MSH|^~\\&|A\rPID|1');
  });
});

describe('a sample file', () => {
  it('is decoded per message by MSH-18, as the runtime does: Latin-1 and UTF-8 messages side by side, LF kept', () => {
    const latin1 = Buffer.concat([Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||8859/1\nPID|1||x||M'), Buffer.from([0xdc]), Buffer.from('LLER\n')]);
    const utf8 = Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\nPID|1||x||MÜLLER\n', 'utf8');
    expect(sampleFileText(Buffer.concat([latin1, utf8]), 'two.hl7')).toBe(
      'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||8859/1\nPID|1||x||MÜLLER\nMSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\nPID|1||x||MÜLLER\n',
    );
  });

  it('with a byte that fits no character set is refused with the byte offset, not shown garbled', () => {
    const bytes = Buffer.concat([Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||x||M'), Buffer.from([0xff]), Buffer.from('\r')]);
    expect(() => sampleFileText(bytes, 'bad.hl7')).toThrow(expect.objectContaining({
      code: 'HL7_ENCODING', message: 'At byte offset 54 the input is not valid UNICODE UTF-8, the character set used when MSH-18 is empty; the message is not read.',
    }));
  });
});

describe('a JSON or CSV sample file', () => {
  it('is read as UTF-8 with its byte-order mark dropped and its line ends kept', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"patientId":"K-1",\r\n"name":"Müller"}\n', 'utf8')]);
    expect(sampleFileText(bytes, 'reading.json', 'json')).toBe('{"patientId":"K-1",\r\n"name":"Müller"}\n');
    expect(sampleFileText(Buffer.from('id;systolic\n1;128\n'), 'week.csv', 'csv')).toBe('id;systolic\n1;128\n');
  });

  it('with a byte that is not UTF-8 is refused as the runtime refuses it, naming the byte', () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"M'), Buffer.from([0xdc]), Buffer.from('ller"}')]);
    expect(() => sampleFileText(bytes, 'latin1.json', 'json')).toThrow(expect.objectContaining({
      code: 'INPUT_ENCODING', message: 'The input is not valid UTF-8 at byte 10; JSON and CSV inputs are read as UTF-8.', where: { file: 'latin1.json', offset: 10 },
    }));
  });
});
