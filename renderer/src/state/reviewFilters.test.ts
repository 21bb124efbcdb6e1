import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../shared/common/bundle';
import { applyReviewAction } from '../../../shared/common/review/applyReviewAction';
import { defaultReviewPolicy } from '../../../shared/common/review/reviewPolicy';
import { reviewReport } from '../../../shared/common/review/reviewReport';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { filterMaps, filterRows, moveInRows } from './reviewFilters';

const example = loadBundle(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8'));
const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };
const ana = { name: 'Ana Author', role: 'author' as const };
const policy = defaultReviewPolicy;

/** The ADT example as the review e2e leaves it midway: gender approved, A and N questioned, N then changed by an author; sn-comparator signed off. */
function report() {
  const update = (map: ValueMap): ValueMap => {
    if (map.id === 'sn-comparator') return applyReviewAction(map, { kind: 'approve', sources: map.entries.map((e) => e.source) }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy }).map;
    if (map.id !== 'v2-0001-gender') return map;
    let next = applyReviewAction(map, { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'] }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy }).map;
    next = applyReviewAction(next, { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Is other right?' }, { reviewer: rita, now: '2026-11-26T09:01:00Z', policy }).map;
    return applyReviewAction(next, { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown' } }, { reviewer: ana, now: '2026-11-26T09:02:00Z', policy }).map;
  };
  return reviewReport({ ...example.spec, valueMaps: example.spec.valueMaps.map(update) }, { name: 'ADT', version: '1' }, { generatedAt: '' });
}
const gender = () => report().maps.find((m) => m.id === 'v2-0001-gender')!;
const sources = (rows: { source: string }[]) => rows.map((r) => r.source);

describe('the review filters', () => {
  it('keep the rows of a status, those not approved, those changed since approval, and those a search finds', () => {
    const rows = gender().rows;
    expect(sources(filterRows(rows, 'all', ''))).toEqual(['F', 'M', 'O', 'U', 'A', 'N']);
    expect(sources(filterRows(rows, 'open', ''))).toEqual(['A', 'N']);
    expect(sources(filterRows(rows, 'needs-discussion', ''))).toEqual(['A']);
    expect(sources(filterRows(rows, 'proposed', ''))).toEqual(['N']);
    expect(sources(filterRows(rows, 'changed', ''))).toEqual(['N']);
    expect(sources(filterRows(rows, 'rejected', ''))).toEqual([]);
    // By source code or display, target code or display, in any case (the source display comes with coverage, from the host).
    expect(sources(filterRows(rows, 'all', 'FEMALE'))).toEqual(['F']);
    expect(sources(filterRows(rows, 'all', 'unknown'))).toEqual(['U', 'N']);
    expect(sources(filterRows(rows, 'approved', 'other'))).toEqual(['O']);
  });

  it('keep the value maps not approved, signed off, in use, or found by id or name', () => {
    const maps = report().maps;
    expect(maps.length).toBe(17);
    expect(filterMaps(maps, 'signed-off', '').map((m) => m.id)).toEqual(['sn-comparator']);
    expect(filterMaps(maps, 'open', '').map((m) => m.id)).not.toContain('sn-comparator');
    expect(filterMaps(maps, 'open', '').map((m) => m.id)).toContain('v2-0001-gender');
    // A map without rows has nothing open: v2-0203-identifier-type and v2-0360-degree.
    expect(filterMaps(maps, 'open', '').length).toBe(14);
    expect(maps.filter((m) => m.progress.rows === 0).map((m) => m.id)).toEqual(['v2-0203-identifier-type', 'v2-0360-degree']);
    expect(filterMaps(maps, 'all', '0001').map((m) => m.id)).toEqual(['v2-0001-gender']);
    expect(filterMaps(maps, 'in-use', '').every((m) => m.usedIn.length > 0)).toBe(true);
  });
});

describe('moving through the rows', () => {
  it('steps one row, stopping at either end, and starts at the first (last) row from nowhere', () => {
    const rows = gender().rows;
    expect(moveInRows(rows, 'F', 1)).toBe('M');
    expect(moveInRows(rows, 'F', -1)).toBe('F');
    expect(moveInRows(rows, 'N', 1)).toBe('N');
    expect(moveInRows(rows, undefined, 1)).toBe('F');
    expect(moveInRows(rows, undefined, -1)).toBe('N');
    expect(moveInRows([], 'F', 1)).toBeUndefined();
  });

  it('finds the next (previous) row not approved, wrapping around, and stays put when every row is approved', () => {
    const rows = gender().rows;
    expect(moveInRows(rows, 'F', 1, true)).toBe('A');
    expect(moveInRows(rows, 'A', 1, true)).toBe('N');
    expect(moveInRows(rows, 'N', 1, true)).toBe('A');
    expect(moveInRows(rows, 'F', -1, true)).toBe('N');
    expect(moveInRows(rows, undefined, 1, true)).toBe('A');
    const approved = rows.filter((r) => r.status === 'approved');
    expect(moveInRows(approved, 'M', 1, true)).toBe('M');
  });
});
