import fc from 'fast-check';
import { expect, test } from 'vitest';
import { encodingCharacters, type Delimiters } from './Delimiters';
import { encodeValue } from './escape';
import { HL7_NULL } from './Hl7Value';
import { parseHl7 } from './parseHl7';

/** Characters a sender may pick as delimiters: printable, not letters, digits, space or the double quote. */
const delimiterPool = [...'|^~\\&#!$%*+,/:;<=>?@_{}[]`\'-.()'];

const delimiters: fc.Arbitrary<Delimiters> = fc
  .tuple(fc.shuffledSubarray(delimiterPool, { minLength: 6, maxLength: 6 }), fc.boolean())
  .map(([c, withTruncation]) => {
    const d: Delimiters = { field: c[0], component: c[1], repetition: c[2], escape: c[3], subcomponent: c[4] };
    if (withTruncation) d.truncation = c[5];
    return d;
  });

/** A leaf: text rich in delimiter-like characters, the explicit null, or empty. */
const leaf = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...delimiterPool, '\\.br\\', ' ', 'é', '漢'), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 6 }).map((p) => p.join('').replace(/[\r\n]/g, '')).filter((v) => v.length > 0 && v !== HL7_NULL) },
  { weight: 1, arbitrary: fc.constant<null>(null) },
  { weight: 1, arbitrary: fc.constant<undefined>(undefined) },
);

type Field = (string | null | undefined)[][][];
const field: fc.Arbitrary<Field> = fc.array(fc.array(fc.array(leaf, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
const segment = fc.record({ id: fc.constantFrom('PID', 'OBX', 'NTE', 'ZX1', 'PV1'), fields: fc.array(field, { minLength: 1, maxLength: 6 }) });

function writeField(f: Field, d: Delimiters): string {
  return f.map((rep) => rep.map((comp) => comp.map((v) => (v === undefined ? '' : v === null ? HL7_NULL : encodeValue(v, d))).join(d.subcomponent)).join(d.component)).join(d.repetition);
}

test('property: any valid delimiter set and escaped values round-trip, and every value reads back', () => {
  fc.assert(
    fc.property(delimiters, fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('\r', '\n', '\r\n'), (d, segments, terminator) => {
      const header = ['SND', 'FAC', 'RCV', 'FAC', '20240101120000+0100', ''].map((v) => encodeValue(v, d));
      const msh = ['MSH', encodingCharacters(d), ...header, `ADT${d.component}A01`, 'MSG1', 'P', encodeValue('2.7', d)].join(d.field);
      const lines = [msh, ...segments.map((s) => [s.id, ...s.fields.map((f) => writeField(f, d))].join(d.field))];
      const text = lines.join('\r') + '\r';
      const message = parseHl7(lines.join(terminator) + terminator);
      expect(message.toString()).toBe(text);
      expect(message.delimiters).toEqual(d);
      expect(message.get('MSH-2')).toBe(encodingCharacters(d));
      expect(message.get('MSH-9.2')).toBe('A01');

      const seen = new Map<string, number>();
      for (const s of segments) {
        const occurrence = (seen.get(s.id) ?? 0) + 1;
        seen.set(s.id, occurrence);
        s.fields.forEach((f, fi) => {
          f.forEach((rep, ri) => {
            rep.forEach((comp, ci) => {
              comp.forEach((value, si) => {
                const path = `${s.id}[${occurrence}]-${fi + 1}[${ri + 1}].${ci + 1}.${si + 1}`;
                // A trailing empty piece cannot be told apart from an absent one: both read undefined.
                expect(message.get(path)).toBe(value);
              });
            });
          });
        });
      }
      for (const leafItem of message.leaves()) expect(message.get(leafItem.path)).toBe(leafItem.value);
    }),
    { numRuns: 500 },
  );
});
