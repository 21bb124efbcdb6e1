import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseHl7Batch } from './parseHl7';

const samplesDir = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith('.hl7'))
  .sort()
  .map((name) => readFileSync(join(samplesDir, name), 'utf8').replace(/^\uFEFF/, ''));

test('property: any sequence of real messages, however terminated, framed or enveloped, splits back into them', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(samples.length - 1), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('\r', '\n', '\r\n'),
      fc.constantFrom('plain', 'mllp', 'batch'),
      fc.boolean(),
      (picks, terminator, framing, blankLines) => {
        const messages = picks.map((i) => samples[i]);
        const written = messages.map((m) => m.replace(/\r/g, terminator) + (blankLines ? terminator : ''));
        let text: string;
        const starts: number[] = [];
        if (framing === 'mllp') {
          text = '';
          for (const w of written) {
            starts.push(text.length + 1);
            text += `\x0b${w}\x1c\r`;
          }
        } else {
          text = framing === 'batch' ? `FHS|^~\\&|S${terminator}BHS|^~\\&|S${terminator}` : '';
          for (const w of written) {
            starts.push(text.length);
            text += w;
          }
          if (framing === 'batch') text += `BTS|${messages.length}${terminator}FTS|1${terminator}`;
        }
        const items = parseHl7Batch(text);
        expect(items.map((item) => item.error?.toString())).toEqual(messages.map(() => undefined));
        expect(items.map((item) => item.message?.toString())).toEqual(messages);
        expect(items.map((item) => item.position)).toEqual(messages.map((_, i) => i + 1));
        expect(items.map((item) => item.offset)).toEqual(starts);
        for (const item of items) {
          expect(item.line).toBe(text.slice(0, item.offset).split(/\r\n|\r|\n/).length);
          expect(text.slice(item.offset, item.offset + 3)).toBe('MSH');
        }
      },
    ),
    { numRuns: 200 },
  );
});
