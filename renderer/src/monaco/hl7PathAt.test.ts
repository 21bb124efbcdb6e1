import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hl7PathAt } from './hl7PathAt';

const lines = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8').split(/\r\n|\r|\n/);

describe('hl7PathAt on a real ADT^A01', () => {
  it('names MSH-1, MSH-2 and MSH-3 the way the standard counts', () => {
    const msh = lines.findIndex((l) => l.startsWith('MSH'));
    expect(hl7PathAt(lines, msh, 3)?.path).toBe('MSH-1');
    expect(hl7PathAt(lines, msh, 5)?.path).toBe('MSH-2');
    expect(hl7PathAt(lines, msh, 9)?.path).toBe('MSH-3');
  });

  it('names a PID field, component and repetition', () => {
    const pid = lines.findIndex((l) => l.startsWith('PID'));
    const fields = lines[pid].split('|');
    // First character of PID-8 (administrative sex).
    const col8 = fields.slice(0, 8).join('|').length + 1;
    expect(hl7PathAt(lines, pid, col8)).toMatchObject({ path: 'PID-8', field: 8, repetition: 1, component: 1 });
    const col5 = fields.slice(0, 5).join('|').length + 1 + fields[5].indexOf('^') + 1;
    expect(hl7PathAt(lines, pid, col5)?.path).toBe('PID-5.2');
  });

  it('ignores delimiters inside an escape sequence', () => {
    const text = ['MSH|^~\\&|A', 'NTE|1||a\\T\\b^c'];
    expect(hl7PathAt(text, 1, text[1].indexOf('b'))?.path).toBe('NTE-3');
    expect(hl7PathAt(text, 1, text[1].indexOf('c'))?.path).toBe('NTE-3.2');
  });

  it('counts segment occurrences', () => {
    const text = ['MSH|^~\\&|A', 'OBX|1|NM', 'OBX|2|ST|x~y'];
    expect(hl7PathAt(text, 2, text[2].indexOf('y'))?.path).toBe('OBX[2]-3[2]');
  });
});
