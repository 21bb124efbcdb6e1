import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import { readSample } from '../../../node/fixtures/referenceFixtures';
import { messageKey, messageKeyOf, nameHash, resourceUuid } from './deterministicId';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministic ids', () => {
  it('keys a parsed message exactly as its normalized text', () => {
    const message = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7').replace(/\r/g, '\r\n'));
    expect(messageKeyOf(message)).toEqual(messageKey(message.toString()));
  });

  it('gives RFC 9562 version-8 UUIDs, the same for the same inputs and distinct across targets, positions and messages', () => {
    const a = messageKey(readSample('fhirconverter_ADT-A01-01.hl7'));
    const b = messageKey(readSample('fhirconverter_ADT01-23.hl7'));
    expect(resourceUuid(a, 'patient', 0)).toBe(resourceUuid(a, nameHash('patient'), 0));
    const seen = new Set<string>();
    for (const key of [a, b]) {
      for (const target of ['patient', 'encounter', 'obs', 'allergy']) {
        for (let i = 0; i < 50; i++) {
          const id = resourceUuid(key, target, i);
          expect(id).toMatch(UUID);
          seen.add(id);
        }
      }
    }
    expect(seen.size).toBe(2 * 4 * 50);
  });

  it('a one-character change in the message changes every id', () => {
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const changed = text.replace('MSG00001', 'MSG00002');
    expect(resourceUuid(messageKey(text), 'patient', 0)).not.toBe(resourceUuid(messageKey(changed), 'patient', 0));
  });
});
