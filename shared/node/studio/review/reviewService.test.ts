import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../common/hl7v2';
import { createStudioClient, dispatchStudioText } from '../../../common/studio';
import { readSample } from '../../fixtures/referenceFixtures';
import { openDefaultNodeStudio } from '../openDefaultNodeStudio';
import { osUserName } from './reviewService';

// The review part of the Studio API over the real engine and a real (in-memory) workspace, through
// the client and dispatcher both hosts use, with a JSON round trip as HTTP does.
const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp/crosswalk-test', workspaceFile: ':memory:' });
const api = createStudioClient((method, args) => dispatchStudioText(studio.api, method, args));
const mappingKey = 'ADT^A01 example';

type Rows = { valueMaps: { id: string; entries: { source: string; target: string; review?: Record<string, unknown> }[] }[] };
const genderRows = (bundle: Record<string, unknown>) => (bundle.mapping as Rows).valueMaps.find((m) => m.id === 'v2-0001-gender')!.entries;

describe('the review Studio API', () => {
  it('takes the reviewer from the OS user name as an author until the settings say otherwise', async () => {
    expect(await api.getReviewer()).toEqual({ name: osUserName(), role: 'author', fromSettings: false });
    await expect(api.setReviewer({ name: ' ', role: 'reviewer' })).rejects.toMatchObject({ code: 'CW_STUDIO_BAD_ARGS' });
    expect(await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' })).toEqual({ name: 'Rita Reviewer', role: 'reviewer', fromSettings: true });
    expect(await api.getReviewer()).toEqual({ name: 'Rita Reviewer', role: 'reviewer', fromSettings: true });
  });

  it('reviews the 0001 rows of the ADT example step by step, keeping every step with its bundle hash in the history', async () => {
    let { bundle } = await api.getExample();
    await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' });
    const approved = await api.reviewValueMap({ mappingKey, bundle, valueMapId: 'v2-0001-gender', action: { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'], comment: 'Checked against table 0001.' } });
    expect(approved.refused).toEqual([]);
    expect(approved.events.map((e) => [e.id, e.source, e.to, e.bundleHash])).toEqual(['F', 'M', 'O', 'U', 'A', 'N'].map((s, i) => [i + 1, s, 'approved', approved.hash]));
    // The hash recorded is the one the saved file carries.
    expect((await api.serializeBundle({ bundle: approved.bundle })).hash).toBe(approved.hash);
    bundle = approved.bundle;

    const asked = await api.reviewValueMap({ mappingKey, bundle, valueMapId: 'v2-0001-gender', action: { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Is "other" right here?' } });
    bundle = asked.bundle;
    await api.setReviewer({ name: 'Ana Author', role: 'author' });
    const refused = await api.reviewValueMap({ mappingKey, bundle, valueMapId: 'v2-0001-gender', action: { kind: 'approve', sources: ['A'] } });
    expect(refused.refused).toEqual([{ source: 'A', error: { code: 'REVIEW_ROLE', message: 'Only a reviewer approves rows, and your role in the settings is author.', where: { path: 'v2-0001-gender.entries[4]' } } }]);
    expect(refused.events).toEqual([]);
    const edited = await api.reviewValueMap({ mappingKey, bundle, valueMapId: 'v2-0001-gender', action: { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown' } } });
    bundle = edited.bundle;
    expect(genderRows(bundle).find((r) => r.source === 'N')).toMatchObject({ target: 'unknown', review: { status: 'proposed', author: 'Ana Author', lastApproved: { target: 'other' } } });
    await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' });
    const again = await api.reviewValueMap({ mappingKey, bundle, valueMapId: 'v2-0001-gender', action: { kind: 'approve', sources: ['N'] } });

    const trail = await api.listReviewHistory({ mappingKey, valueMapId: 'v2-0001-gender', source: 'N' });
    expect(trail.map((e) => [e.action, e.from, e.to, e.by, e.role])).toEqual([
      ['approve', 'unreviewed', 'approved', 'Rita Reviewer', 'reviewer'],
      ['needs-discussion', 'approved', 'needs-discussion', 'Rita Reviewer', 'reviewer'],
      ['edit', 'needs-discussion', 'proposed', 'Ana Author', 'author'],
      ['approve', 'proposed', 'approved', 'Rita Reviewer', 'reviewer'],
    ]);
    expect(trail[2].changes).toEqual([{ field: 'target', from: 'other', to: 'unknown' }, { field: 'display', from: 'Other', to: 'Unknown' }]);
    expect(trail.map((e) => e.bundleHash)).toEqual([approved.hash, asked.hash, edited.hash, again.hash]);
    expect(new Set(trail.map((e) => e.bundleHash)).size).toBe(4);
    expect(await api.listReviewHistory({ mappingKey: 'another mapping' })).toEqual([]);

    // Summary: A still needs discussion; every other gender row approved.
    const summary = await api.getReviewSummary({ mappingKey, bundle: again.bundle });
    const gender = summary.maps.find((m) => m.id === 'v2-0001-gender')!;
    expect(gender.progress.counts).toEqual({ unreviewed: 0, proposed: 0, approved: 5, rejected: 0, 'needs-discussion': 1 });
    expect(summary.approved).toBe(false);
  });

  it('records an edit made outside the review steps (the value-map editor, undo) as the core reconciles it', async () => {
    const key = 'edited in the editor';
    const { bundle: example } = await api.getExample();
    await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' });
    const approved = await api.reviewValueMap({ mappingKey: key, bundle: example, valueMapId: 'v2-0001-gender', action: { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'] } });
    const before = (approved.bundle.mapping as Rows).valueMaps.find((m) => m.id === 'v2-0001-gender')!;
    // What the editor leaves: N's target changed in place, F's review gone (an undo past the approval), the rest as approved.
    const edited = structuredClone(approved.bundle);
    const rows = genderRows(edited);
    Object.assign(rows.find((r) => r.source === 'N')!, { target: 'unknown', display: 'Unknown' });
    delete rows.find((r) => r.source === 'F')!.review;
    await api.setReviewer({ name: 'Ana Author', role: 'author' });
    const result = await api.reconcileValueMapEdit({ mappingKey: key, bundle: edited, valueMapId: 'v2-0001-gender', before });
    expect(result.refused).toEqual([]);
    expect(result.events.map((e) => [e.source, e.action, e.from, e.to, e.by, e.role, e.changes])).toEqual([
      ['N', 'edit', 'approved', 'proposed', 'Ana Author', 'author', [{ field: 'target', from: 'other', to: 'unknown' }, { field: 'display', from: 'Other', to: 'Unknown' }]],
    ]);
    const after = genderRows(result.bundle);
    // The review follows the row's content: F, unchanged, keeps its approval; N is changed since approval.
    expect(after.find((r) => r.source === 'F')!.review).toEqual(before.entries.find((r) => r.source === 'F')!.review);
    expect(after.find((r) => r.source === 'N')!.review).toMatchObject({ status: 'proposed', author: 'Ana Author', lastApproved: { source: 'N', target: 'other', display: 'Other' } });
    expect(after.find((r) => r.source === 'N')!.review).not.toHaveProperty('approvals');
    expect((await api.serializeBundle({ bundle: result.bundle })).hash).toBe(result.hash);
    expect((await api.listReviewHistory({ mappingKey: key, source: 'N' })).map((e) => [e.action, e.by, e.bundleHash])).toEqual([['approve', 'Rita Reviewer', approved.hash], ['edit', 'Ana Author', result.hash]]);

    // Without `before` the map is new to the review: every row is added by whoever made it.
    const added = await api.reconcileValueMapEdit({ mappingKey: key, bundle: example, valueMapId: 'sn-comparator' });
    expect(added.events.map((e) => [e.source, e.action, e.to])).toEqual(['<', '<=', '>=', '>'].map((s) => [s, 'add', 'proposed']));
    await expect(api.reconcileValueMapEdit({ mappingKey: key, bundle: example, valueMapId: 'sn-comparator', before: { id: 'sn-comparator' } })).rejects.toMatchObject({ code: 'VALUEMAP_INVALID' });
  });

  it('exports a value map with its review as a ConceptMap and CSV that import to the same map', async () => {
    const { bundle: example } = await api.getExample();
    await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' });
    const { bundle } = await api.reviewValueMap({ mappingKey, bundle: example, valueMapId: 'v2-0001-gender', action: { kind: 'approve', sources: ['F', 'M'], comment: 'ok, "quoted", and, commas' } });
    const map = (bundle.mapping as Rows).valueMaps.find((m) => m.id === 'v2-0001-gender');
    const cm = await api.exportValueMap({ bundle, valueMapId: 'v2-0001-gender', format: 'conceptmap' });
    expect(cm.fileName).toBe('ConceptMap-v2-0001-gender.json');
    expect(JSON.parse(cm.text)).toMatchObject({ resourceType: 'ConceptMap', id: 'v2-0001-gender', status: 'draft' });
    expect((await api.importValueMap({ bundle, format: 'conceptmap', text: cm.text })).valueMap).toEqual(map);
    const csv = await api.exportValueMap({ bundle, valueMapId: 'v2-0001-gender', format: 'csv' });
    expect(csv.fileName).toBe('v2-0001-gender.csv');
    expect((await api.importValueMap({ bundle, valueMapId: 'v2-0001-gender', format: 'csv', text: csv.text })).valueMap).toEqual(map);
    await expect(api.importValueMap({ bundle, format: 'csv', text: csv.text })).rejects.toMatchObject({ code: 'REVIEW_CSV_NEEDS_MAP' });
    await expect(api.importValueMap({ bundle, format: 'conceptmap', text: 'MSH|^~\\&|' })).rejects.toMatchObject({ code: 'CONCEPTMAP_INVALID', message: 'The file is not valid JSON, so it is not a FHIR ConceptMap.' });
    await expect(api.exportValueMap({ bundle, valueMapId: 'nope', format: 'csv' })).rejects.toMatchObject({ code: 'REVIEW_UNKNOWN_VALUE_MAP', message: 'The mapping has no value map "nope".' });
  });

  it('counts codes of the workspace\'s samples as seen, and writes the report page', async () => {
    const { bundle } = await api.getExample();
    const sample = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7'));
    sample.set('PID-8', 'F');
    await api.saveSamples({ mappingKey: 'with samples', samples: [{ name: 'female', text: sample.toString() }] });
    const summary = await api.getReviewSummary({ mappingKey: 'with samples', bundle });
    // PID-8, and the sample's NK1-15 (F) for Patient.contact and for the RelatedPerson.
    expect(summary.maps.find((m) => m.id === 'v2-0001-gender')!.coverage!.source.codes.find((c) => c.code === 'F')!.seen.samples).toBe(3);
    const report = await api.exportReviewReport({ mappingKey: 'with samples', bundle });
    expect(report.fileName).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.review.html');
    expect(report.html).toContain('<h1>Value-map review: ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG) <span class="muted">1.0.0</span></h1>');
  });
});
