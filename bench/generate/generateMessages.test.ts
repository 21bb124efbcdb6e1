import { expect, test } from 'vitest';
import { parseHl7 } from '../../shared/common/hl7v2/index';
import { generateMessages } from './generateMessages';

test('the same seed gives the same messages, another seed others', () => {
  expect(generateMessages(20, 7)).toEqual(generateMessages(20, 7));
  expect(generateMessages(20, 8)).not.toEqual(generateMessages(20, 7));
});

test('generated messages are valid, lossless and carry the features the benchmark needs', () => {
  const messages = generateMessages(400, 11);
  const families = new Set<string>();
  const obxTypes = new Set<string>();
  let escapes = 0;
  let multiplePid3 = 0;
  let allergies = 0;
  for (const text of messages) {
    const message = parseHl7(text);
    expect(message.toString()).toBe(text);
    if (/\\[TFSR]\\/.test(text)) escapes++;
    if (message.getAll('PID-3.1').length >= 2) multiplePid3++;
    allergies += message.segmentsById('AL1').length;
    for (const value of message.getAll('PID-5.1')) if (typeof value === 'string') families.add(value);
    for (const value of message.getAll('OBX-2')) if (typeof value === 'string') obxTypes.add(value);
    expect(message.get('MSH-7')).toMatch(/^\d{14}[+-]\d{4}$/);
  }
  expect(messages.filter((t) => t.includes('|ADT^A01^ADT_A01|')).length).toBe(200);
  expect(messages.filter((t) => t.includes('|ORU^R01^ORU_R01|')).length).toBe(200);
  expect(families.has("O'Brien")).toBe(true);
  expect(families.has('Johnson & Johnson')).toBe(true);
  expect([...obxTypes].sort()).toEqual(['CWE', 'DT', 'NM', 'SN', 'ST']);
  expect(escapes).toBeGreaterThan(200);
  expect(multiplePid3).toBe(400);
  expect(allergies).toBeGreaterThan(50);
});
