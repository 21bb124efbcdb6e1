import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBundle, loadBundle, serializeBundle, showBundle } from '../bundle';
import { errorOf } from '../errors/errorOf';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { ValueMap } from '../valuemaps/ValueMap';
import { applyReviewAction } from './applyReviewAction';
import { assertApproved, firstUnapprovedRow } from './requireApproved';
import { defaultReviewPolicy } from './reviewPolicy';
import { describeProgress, reviewProgress } from './reviewProgress';
import { mapsInUse } from './valueMapUses';

// The shipped ADT^A01 example, as the runtime reads it.
const example = loadBundle(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8'), 'adt-a01-to-fhir.crosswalk.json');
const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };

/** The spec with every row of every value map approved by Rita, except the rows named. */
function approvedExcept(spec: MappingSpec, open: Record<string, string[]> = {}): MappingSpec {
  return {
    ...spec,
    valueMaps: spec.valueMaps.map((map) => {
      const sources = map.entries.map((e) => e.source).filter((s) => !(open[map.id] ?? []).includes(s));
      return sources.length === 0 ? map : applyReviewAction(map, { kind: 'approve', sources }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy: defaultReviewPolicy }).map;
    }),
  };
}

describe('the run gate (requireApproved)', () => {
  it('names the first unapproved row of the value maps the ADT example runs', () => {
    expect(firstUnapprovedRow(example.spec)).toEqual({ valueMap: 'sn-comparator', valueMapIndex: 0, source: '<', entryIndex: 0, why: 'it is unreviewed' });
    const error = errorOf(() => assertApproved(example.spec));
    expect(error.code).toBe('REVIEW_NOT_APPROVED');
    expect(error.message).toBe('Value map "sn-comparator" row "<" is not approved (it is unreviewed), and this bundle runs only when every value-map row it can use is approved.');
    expect(error.where).toEqual({ path: 'mapping.valueMaps[0].entries[0]' });
  });

  it('passes once every row in use is approved, and names the one left', () => {
    expect(firstUnapprovedRow(approvedExcept(example.spec))).toBeUndefined();
    expect(() => assertApproved(approvedExcept(example.spec))).not.toThrow();
    const questioned = approvedExcept(example.spec);
    const gender = questioned.valueMaps.find((m) => m.id === 'v2-0001-gender') as ValueMap;
    const asked = applyReviewAction(gender, { kind: 'needs-discussion', sources: ['N'], comment: 'Other?' }, { reviewer: rita, now: '2026-11-26T10:00:00Z', policy: defaultReviewPolicy }).map;
    const spec = { ...questioned, valueMaps: questioned.valueMaps.map((m) => (m.id === gender.id ? asked : m)) };
    expect(errorOf(() => assertApproved(spec)).message).toBe('Value map "v2-0001-gender" row "N" is not approved (it needs discussion), and this bundle runs only when every value-map row it can use is approved.');
  });

  it('holds approvals to the bundle\'s policy', () => {
    const spec = { ...approvedExcept(example.spec), settings: { ...example.spec.settings, review: { approvals: 2 } } };
    expect(firstUnapprovedRow(spec)?.why).toBe('it has 1 of the 2 approvals the bundle requires');
  });

  it('ignores a value map that no map the mapping runs looks up', () => {
    const unused: ValueMap = { id: 'zz-unused', name: 'Unused', entries: [{ source: 'a', target: 'b' }], unmapped: { kind: 'error' } };
    const spec = { ...approvedExcept(example.spec), valueMaps: [...approvedExcept(example.spec).valueMaps, unused] };
    expect(firstUnapprovedRow(spec)).toBeUndefined();
    expect(reviewProgress(spec).find((p) => p.valueMap === 'zz-unused')).toMatchObject({ inUse: false, counts: { unreviewed: 1 } });
    // A data type map nothing calls is not in use either, nor its value maps.
    const orphan = { ...example.spec.maps.find((m) => m.id === 'XPN[HumanName]')!, id: 'XPN[Orphan]' };
    const withOrphan = { ...spec, maps: [...spec.maps, orphan], valueMaps: spec.valueMaps.map((m) => (m.id === 'v2-0200-name-use' ? { ...m, entries: m.entries.map(({ review: _r, ...e }) => e) } : m)) };
    expect(mapsInUse(example.spec).map((m) => m.id)).toEqual(example.spec.maps.map((m) => m.id));
    expect(mapsInUse(withOrphan).map((m) => m.id)).not.toContain('XPN[Orphan]');
    // v2-0200 is still looked up by the XPN[HumanName] the PID map calls, so it gates.
    expect(firstUnapprovedRow(withOrphan)?.valueMap).toBe('v2-0200-name-use');
  });

  it('reports progress per value map', () => {
    const progress = reviewProgress(approvedExcept(example.spec, { 'v2-0001-gender': ['A', 'N'] }));
    const gender = progress.find((p) => p.valueMap === 'v2-0001-gender')!;
    expect(describeProgress(gender)).toBe('6 rows: 4 approved, 2 unreviewed');
    expect(gender.signOff).toBeUndefined();
    expect(progress.find((p) => p.valueMap === 'v2-0004-encounter-class')!.signOff).toEqual({ approvedAt: '2026-11-26T09:00:00Z', approvers: ['Rita Reviewer'], authors: [] });
  });
});

describe('review state in the bundle file', () => {
  const reviewed = approvedExcept(example.spec, { 'v2-0001-gender': ['A', 'N'] });
  const bundle = createBundle({ metadata: example.content.metadata, mapping: reviewed, tests: example.content.tests });
  const text = serializeBundle(bundle);

  it('writes each row with its review on one line, status first', () => {
    const lines = text.split('\n').filter((line) => line.includes('"source": "F", "target": "female"'));
    expect(lines).toEqual([
      '          { "source": "F", "target": "female", "display": "Female", "review": { "status": "approved", "reviewer": "Rita Reviewer", "reviewedAt": "2026-11-26T09:00:00Z", "approvals": [{ "by": "Rita Reviewer", "at": "2026-11-26T09:00:00Z", "row": "e8a8579d8d3e" }] } },',
    ]);
    expect(text).toContain('          { "source": "A", "target": "other", "display": "Other" },');
  });

  it('puts the review inside the hash: changing a status changes the hash, and a hand edit is refused', () => {
    expect(bundle.hash).not.toBe(example.bundle.hash);
    expect(loadBundle(text).spec.valueMaps.find((m) => m.id === 'v2-0001-gender')!.entries[0].review?.status).toBe('approved');
    const forged = text.replace('{ "source": "A", "target": "other", "display": "Other" }', '{ "source": "A", "target": "other", "display": "Other", "review": { "status": "approved" } }');
    expect(errorOf(() => loadBundle(forged)).code).toBe('BUNDLE_HASH_MISMATCH');
  });

  it('shows each row\'s review in crosswalk show, so git diff through it shows review steps', () => {
    const gender = reviewed.valueMaps.find((m) => m.id === 'v2-0001-gender') as ValueMap;
    const context = { reviewer: { name: 'Ana Author', role: 'author' as const }, now: '2026-11-26T10:00:00Z', policy: defaultReviewPolicy };
    const edited = applyReviewAction(gender, { kind: 'edit', source: 'O', changes: { target: 'unknown', display: 'Unknown' }, comment: 'Other is not a sex we can map.' }, context).map;
    const spec = { ...reviewed, settings: { ...reviewed.settings, review: { approvals: 1, approverNotAuthor: true } }, valueMaps: reviewed.valueMaps.map((m) => (m.id === gender.id ? edited : m)) };
    const shown = showBundle({ ...example.content, mapping: spec });
    expect(shown).toContain('# value-map review: 1 approval per row, not by its last author\n');
    expect(shown).toContain([
      'value map v2-0001-gender — Administrative sex (v2 0001) → FHIR gender',
      '  http://terminology.hl7.org/CodeSystem/v2-0001 → http://hl7.org/fhir/administrative-gender',
      '  unmapped: default unknown',
      '  F → female "Female" · approved by Rita Reviewer',
      '  M → male "Male" · approved by Rita Reviewer',
      '  O → unknown "Unknown" · proposed, changed since approval: target other → unknown, display Other → Unknown · 1 comment',
      '  U → unknown "Unknown" · approved by Rita Reviewer',
      '  A → other "Other"',
      '  N → other "Other"',
    ].join('\n'));
  });

  it('reads the bundles written before rows had a review: every row unreviewed, an old map-level review dropped', () => {
    expect(example.spec.valueMaps.every((map) => map.entries.every((entry) => entry.review === undefined))).toBe(true);
    expect(reviewProgress(example.spec).every((p) => p.counts.unreviewed === p.rows)).toBe(true);
    const legacy = JSON.parse(JSON.stringify(example.spec)) as { valueMaps: Record<string, unknown>[] };
    legacy.valueMaps[1].review = { status: 'approved', by: 'Dr. Informaticist', at: '2024-05-01T09:30:00Z', comment: 'Checked.' };
    expect(parseSpec(legacy)).toEqual(example.spec);
  });
});
