import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import { readSample, samplesDir } from '../../../node/fixtures/referenceFixtures';
import { partAt, readComposite, repetitionNumbers } from './sourceRead';

describe('partAt over readComposite reads what Hl7Segment.value reads', () => {
  it.each(readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')))('every component and subcomponent of %s, with escapes and explicit nulls', (file) => {
    const text = readSample(file).replace(/^\uFEFF/, '');
    // Explicit nulls and escapes in a few places, so both are compared too.
    const message = parseHl7(text.replace(/\rPID\|([^|]*)\|/, '\rPID|$1|""^A\\T\\B^&""&x|'));
    let compared = 0;
    for (const segment of message.segments) {
      for (let field = 1; field <= segment.fieldCount; field++) {
        for (const rep of repetitionNumbers(segment, field)) {
          const parts = readComposite(segment, field, rep, undefined, undefined);
          for (let c = 1; c <= 25; c++) {
            for (let s = 1; s <= 6; s++) {
              expect(partAt(parts, c, s), `${segment.id}-${field}[${rep}].${c}.${s}`).toBe(segment.value(field, rep, c, s));
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
