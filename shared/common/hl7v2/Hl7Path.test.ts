import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { formatPath, parsePath } from './Hl7Path';

describe('parsePath', () => {
  test.each([
    ['PID-5.1', { segment: 'PID', field: 5, component: 1 }],
    ['PID-3[2].1', { segment: 'PID', field: 3, repetition: 2, component: 1 }],
    ['PID-3.4.2', { segment: 'PID', field: 3, component: 4, subcomponent: 2 }],
    ['OBX[2]-5', { segment: 'OBX', occurrence: 2, field: 5 }],
    ['OBX[2]-5[1]', { segment: 'OBX', occurrence: 2, field: 5, repetition: 1 }],
    ['MSH-9.2', { segment: 'MSH', field: 9, component: 2 }],
    ['ZX1[10]-12[3].4.5', { segment: 'ZX1', occurrence: 10, field: 12, repetition: 3, component: 4, subcomponent: 5 }],
  ])('%s', (text, path) => {
    expect(parsePath(text)).toEqual(path);
    expect(formatPath(parsePath(text))).toBe(text);
  });

  test.each([
    ['pid-5', 'The path "pid-5" is not a valid HL7 v2 path: it must start with a three-character segment id in capitals such as PID.', 0],
    ['PID5', 'The path "PID5" is not a valid HL7 v2 path: expected "-" and a field number at character 4.', 3],
    ['PID-0', 'The path "PID-0" is not a valid HL7 v2 path: the field number at character 5 must start from 1 (indexes are 1-based).', 5],
    ['PID-5.', 'The path "PID-5." is not a valid HL7 v2 path: expected a component number at character 7.', 6],
    ['PID-3[2', 'The path "PID-3[2" is not a valid HL7 v2 path: expected "]" at character 8.', 7],
    ['PID-3[]', 'The path "PID-3[]" is not a valid HL7 v2 path: expected a repetition number at character 7.', 6],
    ['PID-5.1.2.3', 'The path "PID-5.1.2.3" is not a valid HL7 v2 path: unexpected "." at character 10.', 9],
    ['PID-5 ', 'The path "PID-5 " is not a valid HL7 v2 path: unexpected " " at character 6.', 5],
    ['', 'The path "" is not a valid HL7 v2 path: it must start with a three-character segment id in capitals such as PID.', 0],
  ])('%j is refused', (text, sentence, offset) => {
    let caught: unknown;
    try {
      parsePath(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CrosswalkError);
    const error = caught as CrosswalkError;
    expect(error.code).toBe('HL7_BAD_PATH');
    expect(error.message).toBe(sentence);
    expect(error.where).toEqual({ path: text, offset });
  });
});
