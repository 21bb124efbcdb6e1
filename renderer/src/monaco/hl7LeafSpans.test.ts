import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hl7LeafSpans } from './hl7LeafSpans';

const adt = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');

describe('hl7LeafSpans', () => {
  it('finds every valued leaf of a real ADT^A01 at the text the codec decoded it from', () => {
    const spans = hl7LeafSpans(adt);
    const at = (path: string) => spans.find((s) => s.path === path);
    const text = (path: string) => { const s = at(path); return s ? adt.slice(s.start, s.end) : undefined; };
    expect(text('MSH-1[1]')).toBe('|');
    expect(text('MSH-2[1]')).toBe('^~\\&');
    expect(text('MSH-9[1].1')).toBe('ADT');
    expect(text('MSH-9[1].2')).toBe('A01');
    expect(text('PID-1[1]')).toBe('1');
    expect(text('PID-8[1]')).toBe('M');
    // PID-5.1 has subcomponents (EVERYMAN&&&&Aniston); PID-3 repeats, its first assigning authority has subcomponents.
    expect(text('PID-5[1].1.1')).toBe('EVERYMAN');
    expect(text('PID-5[1].1.5')).toBe('Aniston');
    expect(text('PID-3[1].4.2')).toBe('2.16.1');
    expect(text('PID-3[2].1')).toBe('123456789');
    expect(text('PID-3[2].4')).toBe('USSSA');
    // One span per valued leaf, each the leaf's own text: no separator inside it.
    expect(spans.length).toBeGreaterThan(100);
    expect(spans.filter((s) => !s.path.startsWith('MSH-1[') && !s.path.startsWith('MSH-2[')).every((s) => s.end > s.start && !/[|^~&\r\n]/.test(adt.slice(s.start, s.end)))).toBe(true);
  });

  it('keeps a segment\'s offsets when lines end with LF (as the editor holds the text)', () => {
    const lf = adt.replace(/\r/g, '\n');
    const span = hl7LeafSpans(lf).find((s) => s.path === 'PID-8[1]');
    expect(span && lf.slice(span.start, span.end)).toBe('M');
    expect(lf.lastIndexOf('\n', span?.start)).toBe(lf.indexOf('PID|') - 1);
  });

  it('throws as the codec does on a text that is not a message', () => {
    expect(() => hl7LeafSpans('PID|1||x')).toThrow(expect.objectContaining({ code: 'HL7_NO_MSH' }));
  });
});
