import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { formatPath, parsePath } from './Hl7Path';
import { Hl7Message } from './Hl7Message';
import { parseHl7 } from './parseHl7';

const samplesDir = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const sampleFiles = readdirSync(samplesDir).filter((name) => name.endsWith('.hl7')).sort();
const sample = (name: string): Hl7Message => parseHl7(readFileSync(join(samplesDir, name), 'utf8'));

describe('leaves()', () => {
  test.each(sampleFiles)('%s: every leaf path is canonical and reads back its value', (name) => {
    const message = sample(name);
    const leaves = message.leaves();
    expect(leaves.length).toBeGreaterThan(20);
    const paths = new Set<string>();
    for (const leaf of leaves) {
      expect(formatPath(parsePath(leaf.path))).toBe(leaf.path);
      expect(message.get(leaf.path)).toBe(leaf.value);
      expect(message.segments[leaf.segmentIndex].value(leaf.field, leaf.repetition, leaf.component, leaf.subcomponent)).toBe(leaf.value);
      paths.add(leaf.path);
    }
    expect(paths.size).toBe(leaves.length);
  });

  test('canonical form: repetition always, occurrence when repeated, component/subcomponent when split', () => {
    const byPath = new Map(sample('hl7ig_MDM_T02.hl7').leaves().map((leaf) => [leaf.path, leaf.value]));
    expect(byPath.get('PID-5[1].1')).toBe('JOHN');
    expect(byPath.get('OBX[1]-5[1]')).toBe('Transcription Authentication Interface Message Text');
    expect(byPath.get('MSH-9[1].3')).toBe('MDM_T02');
    expect(byPath.get('MSH-1[1]')).toBe('|');
    expect(byPath.get('MSH-2[1]')).toBe('^~\\&');
    const adt = new Map(sample('fhirconverter_ADT-A01-01.hl7').leaves().map((leaf) => [leaf.path, leaf.value]));
    expect(adt.get('PID-3[1].4.2')).toBe('2.16.1');
    expect(adt.get('PID-3[2].1')).toBe('123456789');
    expect(adt.get('PV1-14[1]')).toBe('NHS Provider-General (inc.A&E-this Hosp)');
    expect(adt.get('OBX-5[2]')).toBe('120');
  });

  test('formatting escapes stay verbatim in decoded values', () => {
    const message = sample('hl7ig_MDM_T02.hl7');
    const value = message.get('OBX[2]-5');
    // This field holds no delimiter escapes, so its decoded value is its raw text, \.br\ and all.
    expect(value).toBe(message.segment('OBX', 2)!.fieldRaw(5));
    expect(value!.startsWith('Critical Values Entered On:  08/22/2023 2:11 EDT \\.br\\ Performed On:')).toBe(true);
    expect(value!.split('\\.br\\').length - 1).toBe(20); // grep -o counts 20 in the file
  });

  test('trailing spaces inside segments are data', () => {
    const message = sample('izgateway_VXU_V04.hl7');
    expect(message.get('MSH-21.2')).toBe('CDCPHINVS ');
    expect(message.get('PID-6.7')).toBe('M ');
  });
});

describe('empty versus explicit null', () => {
  const message = parseHl7('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||""|x^""^|\r');
  test('reads', () => {
    expect(message.get('PID-2')).toBeUndefined();
    expect(message.get('PID-3')).toBeNull();
    expect(message.get('PID-4.1')).toBe('x');
    expect(message.get('PID-4.2')).toBeNull();
    expect(message.get('PID-4.3')).toBeUndefined();
    expect(message.get('PID-5')).toBeUndefined();
    expect(message.leaves().filter((l) => l.segment === 'PID').map((l) => [l.path, l.value])).toEqual([
      ['PID-1[1]', '1'],
      ['PID-3[1]', null],
      ['PID-4[1].1', 'x'],
      ['PID-4[1].2', null],
    ]);
  });
});

describe('navigation API', () => {
  const message = sample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7');

  test('segments by id and counts', () => {
    const obx = message.segmentsById('OBX');
    expect(obx.length).toBe(message.segments.filter((s) => s.id === 'OBX').length);
    expect(obx.length).toBeGreaterThan(5);
    expect(message.segment('OBX', 2)).toBe(obx[1]);
    expect(message.segment('OBX', obx.length + 1)).toBeUndefined();
    expect(message.segmentsById('ZZZ')).toEqual([]);
  });

  test('field, repetition, component, subcomponent views agree with get()', () => {
    const adt = sample('fhirconverter_ADT-A01-01.hl7');
    const pid = adt.segment('PID');
    expect(pid).toBeDefined();
    const field = pid!.field(3)!;
    expect(field.repetitionCount).toBe(2);
    const rep = field.repetition(1)!;
    expect(rep.value).toBe('PATID1234');
    expect(rep.componentCount).toBe(6);
    const comp = rep.component(4)!;
    expect(comp.subcomponentCount).toBe(3);
    expect(comp.subcomponent(2)).toBe(adt.get('PID-3.4.2'));
    expect(comp.values()).toEqual(['test1', '2.16.1', 'HCD']);
    expect(field.repetitions().map((r) => r.value)).toEqual(['PATID1234', '123456789']);
    expect(pid!.fieldRaw(3)).toBe(field.raw);
    expect(pid!.field(pid!.fieldCount + 1)).toBeUndefined();
  });

  test('repetitionRaw and value read any repetition, also after a write to the field', () => {
    const message = parseHl7('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||a^1~~c\\R\\^3~d||X\r');
    const pid = message.segment('PID')!;
    expect([1, 2, 3, 4, 5].map((r) => pid.repetitionRaw(3, r))).toEqual(['a^1', '', 'c\\R\\^3', 'd', undefined]);
    expect([4, 3, 2, 1, 5].map((r) => pid.value(3, r))).toEqual(['d', 'c~', undefined, 'a', undefined]);
    expect(pid.value(3, 3, 2)).toBe('3');
    expect(pid.repetitionRaw(5, 2)).toBeUndefined();
    expect(pid.repetitionRaw(9)).toBeUndefined();
    expect(message.segment('MSH')!.repetitionRaw(2)).toBe('^~\\&');
    expect(message.segment('MSH')!.repetitionRaw(2, 2)).toBeUndefined();
    // Where the repetitions start is remembered per field; a write must not leave it stale.
    message.set('PID-3[3]', 'e');
    expect([3, 4].map((r) => pid.repetitionRaw(3, r))).toEqual(['e', 'd']);
    message.set('PID-3', 'only');
    expect([1, 2].map((r) => pid.value(3, r))).toEqual(['only', undefined]);
    expect(message.getAll('PID-3')).toEqual(['only']);
  });

  test('MSH-1 and MSH-2 are atomic fields', () => {
    const msh = message.segment('MSH')!;
    expect(msh.field(1)!.value).toBe('|');
    expect(msh.field(2)!.repetitionCount).toBe(1);
    expect(msh.field(2)!.repetition(1)!.component(1)!.subcomponent(1)).toBe('^~\\&');
    expect(msh.value(3)).toBe('NIST Test Lab APP');
  });
});

describe('set()', () => {
  test('builds a message from nothing', () => {
    const out = Hl7Message.create();
    out.set('MSH-9.1', 'ADT');
    out.set('MSH-9.2', 'A01');
    out.set('MSH-12', '2.5.1');
    out.set('PID-3[2].1', 'B-7');
    out.set('PID-3[2].4.2', '1.2.3');
    out.set('PID-5[1].1', "O'Brien & Sons");
    out.set('PID-8', null);
    out.set('OBX[2]-5', 'x|y');
    expect(out.toString()).toBe("MSH|^~\\&|||||||ADT^A01|||2.5.1\rPID|||~B-7^^^&1.2.3||O'Brien \\T\\ Sons|||\"\"\rOBX\rOBX|||||x\\F\\y\r");
    const back = parseHl7(out.toString());
    expect(back.get('PID-5.1')).toBe("O'Brien & Sons");
    expect(back.get('PID-8')).toBeNull();
    expect(back.get('OBX[2]-5')).toBe('x|y');
    expect(back.get('PID-3[2].4.2')).toBe('1.2.3');
  });

  test('replaces the addressed element and keeps the rest', () => {
    const message = parseHl7('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||a^b^c~d^e||X^Y\r');
    message.set('PID-3[1].2', 'B');
    message.set('PID-5', 'Z');
    message.set('PID-3[2]', undefined);
    expect(message.segment('PID')!.raw).toBe('PID|1||a^B^c||Z');
    message.set('PID-5', undefined);
    expect(message.segment('PID')!.raw).toBe('PID|1||a^B^c');
  });

  test('keeps other delimiter sets', () => {
    const message = parseHl7('MSH!@*/%!A!B!C!D!20240101!!ADT@A01!1!P!2.5\rPID!1\r');
    message.set('PID-5.1', 'a@b!c');
    expect(message.segment('PID')!.raw).toBe('PID!1!!!!a/S/b/F/c');
    expect(message.get('PID-5.1')).toBe('a@b!c');
  });

  test('refuses a line break in a value, naming the path', () => {
    const message = Hl7Message.create();
    let caught: unknown;
    try {
      message.set('OBX[2]-5.1', 'one\ntwo');
    } catch (error) {
      caught = error;
    }
    expect((caught as CrosswalkError).toString()).toBe('HL7_BAD_VALUE: A value cannot contain a line break in HL7 v2; use the \\.br\\ formatting escape instead. (segment OBX, field 5, at OBX[2]-5.1)');
    expect(message.toString()).toBe('MSH|^~\\&\r');
  });

  test('refuses MSH-1 and MSH-2', () => {
    const message = Hl7Message.create();
    let caught: unknown;
    try {
      message.set('MSH-2', '^~\\&');
    } catch (error) {
      caught = error;
    }
    expect((caught as CrosswalkError).code).toBe('HL7_BAD_PATH');
    expect((caught as CrosswalkError).message).toBe('MSH-1 and MSH-2 are the delimiters and cannot be set; create the message with the delimiters it should use.');
  });
});

test('forEachLeaf visits exactly the leaves of leaves(), in order', () => {
  for (const name of sampleFiles) {
    const message = sample(name);
    const visited: [string | null, number, number, number, number, number][] = [];
    message.forEachLeaf((value, segmentIndex, field, repetition, component, subcomponent) => visited.push([value, segmentIndex, field, repetition, component, subcomponent]));
    expect(visited).toEqual(message.leaves().map((l) => [l.value, l.segmentIndex, l.field, l.repetition, l.component, l.subcomponent]));
  }
});
