import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromEditorText, toEditorText } from './sampleText';

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
