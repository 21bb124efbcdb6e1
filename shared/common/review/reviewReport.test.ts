import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../bundle';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { nodeSchemaCatalog } from '../../node/schema';
import type { ValueMap } from '../valuemaps/ValueMap';
import { applyReviewAction } from './applyReviewAction';
import { buildReviewReport } from './buildReviewReport';
import { defaultReviewPolicy } from './reviewPolicy';
import { reviewReportHtml } from './reviewReportHtml';

const example = loadBundle(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8'));
const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };
const ana = { name: 'Ana <b>Author</b>', role: 'author' as const };
const policy = defaultReviewPolicy;

/** The ADT example with the gender rows reviewed as in the issue: all approved, A questioned, N changed. */
function reviewed(): MappingSpec {
  const update = (map: ValueMap): ValueMap => {
    if (map.id === 'sn-comparator') return applyReviewAction(map, { kind: 'approve', sources: map.entries.map((e) => e.source) }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy }).map;
    if (map.id !== 'v2-0001-gender') return map;
    let next = applyReviewAction(map, { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'] }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy }).map;
    next = applyReviewAction(next, { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Is "other" right? <script>alert(1)</script>' }, { reviewer: rita, now: '2026-11-26T09:01:00Z', policy }).map;
    return applyReviewAction(next, { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown' } }, { reviewer: ana, now: '2026-11-26T09:02:00Z', policy }).map;
  };
  return { ...example.spec, valueMaps: example.spec.valueMaps.map(update) };
}

describe('the review report', () => {
  it('holds each map\'s rows with status, equivalence, people, comments, changes since approval and coverage', async () => {
    const report = await buildReviewReport({
      spec: reviewed(), bundle: { name: 'ADT', version: '1.0.0', hash: 'sha256:00' },
      tests: (example.content.tests ?? []).map((t) => t.input), catalog: nodeSchemaCatalog(), generatedAt: '2026-11-26T10:00:00Z',
    });
    expect(report.approved).toBe(false);
    expect(report.firstUnapproved).toEqual({ valueMap: 'v2-0001-gender', valueMapIndex: 1, source: 'A', entryIndex: 4, why: 'it needs discussion' });
    const gender = report.maps.find((m) => m.id === 'v2-0001-gender')!;
    expect(gender.usedIn).toEqual(['ADT_A01', 'PID[Patient]', 'NK1[RelatedPerson]']);
    expect(gender.progress).toMatchObject({ rows: 6, counts: { approved: 4, 'needs-discussion': 1, proposed: 1 }, changedSinceApproval: 1 });
    expect(gender.rows.find((r) => r.source === 'N')).toEqual({
      source: 'N', sourceDisplay: 'Not applicable', target: 'unknown', display: 'Unknown', equivalence: 'equivalent', status: 'proposed',
      author: 'Ana <b>Author</b>', authoredAt: '2026-11-26T09:02:00Z', reviewer: 'Rita Reviewer', reviewedAt: '2026-11-26T09:01:00Z',
      approvals: [], comments: [{ by: 'Rita Reviewer', at: '2026-11-26T09:01:00Z', text: 'Is "other" right? <script>alert(1)</script>' }],
      changes: [{ field: 'target', from: 'other', to: 'unknown' }, { field: 'display', from: 'Other', to: 'Unknown' }],
      issues: [], seen: { samples: 0, tests: 0 },
    });
    expect(gender.rows.find((r) => r.source === 'A')?.changes).toBeUndefined();
    expect(gender.rows.find((r) => r.source === 'M')?.seen).toEqual({ samples: 0, tests: 3 });
    expect(gender.coverage?.source.tableMapped).toBe(6);

    const html = reviewReportHtml(report);
    // One page, nothing to fetch, nothing to run; every text escaped.
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|src=|href="http|@import|url\(/);
    expect(html).toContain('Is &quot;other&quot; right? &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('author Ana &lt;b&gt;Author&lt;/b&gt;');
    expect(html).toContain('<div class="changed"><b>Changed since approval</b><div>target: <code>other</code> → <code>unknown</code></div><div>display: <code>Other</code> → <code>Unknown</code></div></div>');
    expect(html).toContain('<span class="pill s-needs-discussion">needs discussion</span>');
    expect(html).toContain('Not approved: value map v2-0001-gender row “A” (it needs discussion) is the first of the rows in use still open.');
    expect(html).toContain('v2 table 0001 Administrative Sex: 6 of 6 codes mapped. A code without a row becomes &quot;unknown&quot; (Unknown).');
    expect(html).toContain('<span class="verdict ok">Signed off <time datetime="2026-11-26T09:00:00Z" title="2026-11-26T09:00:00Z">2026-11-26 09:00 UTC</time> by Rita Reviewer</span>');
    expect(html).toContain('<span class="verdict no">Not signed off: 2 of 6 rows not approved</span>');
    expect(html.match(/<section class="map"/g)).toHaveLength(example.spec.valueMaps.length);
  });
});
