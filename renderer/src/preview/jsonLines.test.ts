import { describe, expect, it } from 'vitest';
import { jsonLines } from './jsonLines';

describe('jsonLines', () => {
  it('joins back to exactly JSON.stringify(value, null, 2)', () => {
    const value = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', gender: 'female', name: [{ family: "O'Brien", given: ['Mary', 'Ann'] }], empty: [], obj: {} } }], n: 1.5, t: true, z: null };
    expect(jsonLines(value).map((l) => l.text).join('\n')).toBe(JSON.stringify(value, null, 2));
  });

  it('gives each value line its JSON path', () => {
    const lines = jsonLines({ entry: [{ resource: { gender: 'male', name: [{ given: ['A'] }] } }] });
    expect(lines.find((l) => l.text.includes('"gender"'))?.path).toBe('entry[0].resource.gender');
    expect(lines.find((l) => l.text.trim() === '"A"')?.path).toBe('entry[0].resource.name[0].given[0]');
  });
});
