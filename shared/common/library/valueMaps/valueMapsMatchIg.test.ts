import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsvRows } from '../../valuemaps/csv';
import { valueMapSchema } from '../../valuemaps/ValueMap';
import { igVocabularySources } from './index';

// The library's value maps are product content written out in the repository; the IG's vocabulary
// tables stay in ../shared/reference. This test is what keeps the two equal.
const igFolder = path.resolve(process.cwd(), '../shared/reference/v2-to-fhir-ig');

interface IgRow { source: string; target: string; display?: string; system?: string }

/** Rows of an IG cs_*.csv that map a v2 code to a FHIR code (columns: code, text, system, 3 condition columns, FHIR code, [display], display, system). */
function igRows(file: string): IgRow[] {
  const rows = parseCsvRows(readFileSync(path.join(igFolder, file), 'utf8')).slice(2);
  const out: IgRow[] = [];
  for (const { fields } of rows) {
    const source = (fields[0] ?? '').trim();
    const target = (fields[6] ?? '').trim();
    if (source === '' || target === '') continue;
    const display = ((fields[8] ?? '').trim() || (fields[7] ?? '').trim()) || undefined;
    const system = (fields[9] ?? '').trim() || undefined;
    out.push({ source, target, display, system });
  }
  return out;
}

/** Codes the IG table lists with no FHIR target (ResultStatus U, R, I …). */
function igBlankCodes(file: string): string[] {
  return parseCsvRows(readFileSync(path.join(igFolder, file), 'utf8')).slice(2)
    .filter(({ fields }) => (fields[0] ?? '').trim() !== '' && (fields[6] ?? '').trim() === '')
    .map(({ fields }) => (fields[0] ?? '').trim());
}

describe.each(igVocabularySources.map((s) => [s.csv, s] as const))('value map from IG %s', (_csv, { map, csv, deviations = [], additions = [] }) => {
  const expected = igRows(csv);

  test('is a valid value map', () => {
    expect(valueMapSchema.safeParse(map).success).toBe(true);
  });

  test('has exactly the IG rows that have a FHIR target, with the same code, display and system', () => {
    expect(expected.length).toBeGreaterThan(0);
    const actual = map.entries
      .filter((e) => !deviations.includes(e.source) && !additions.includes(e.source))
      .map((e) => ({ source: e.source, target: e.target, display: e.display, system: e.system ?? map.targetSystem }));
    const want = expected
      .filter((r) => !deviations.includes(r.source))
      .map((r) => ({ ...r, system: r.system ?? map.targetSystem }));
    expect(actual).toEqual(want);
  });

  test('gives a target only to IG codes the IG leaves blank, each with a comment saying why', () => {
    const blank = igBlankCodes(csv);
    for (const code of additions) {
      expect(blank).toContain(code);
      expect(map.entries.find((e) => e.source === code)?.comment).toMatch(/^Not in the IG/);
    }
  });

  test('lists its deliberate deviations as entries present in both', () => {
    for (const code of deviations) {
      expect(map.entries.some((e) => e.source === code)).toBe(true);
      expect(expected.some((r) => r.source === code)).toBe(true);
      expect(map.entries.find((e) => e.source === code)?.comment).toMatch(/IG/);
    }
  });
});
