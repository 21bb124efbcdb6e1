import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioClient, dispatchStudioText, type StudioClient } from '../../../shared/common/studio';
import { changesSinceApproval } from '../../../shared/common/valuemaps/rowReview';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { openDefaultNodeStudio } from '../../../shared/node/studio/openDefaultNodeStudio';
import { selectDirty, useDocumentStore } from './documentStore';
import { createReviewSync, type ReviewSync } from './reviewSync';

// The document store and the review sync against the real host: the review service over an
// in-memory workspace, through the client and dispatcher both hosts use.
const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp/crosswalk-test', workspaceFile: ':memory:' });
const api: StudioClient = createStudioClient((method, args) => dispatchStudioText(studio.api, method, args));
const doc = () => useDocumentStore.getState();
const GENDER = 'v2-0001-gender';
const ALL = ['F', 'M', 'O', 'U', 'A', 'N'];
const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };
const ana = { name: 'Ana Author', role: 'author' as const };

const gender = (): ValueMap => doc().spec!.valueMaps.find((m) => m.id === GENDER)!;
const row = (source: string) => gender().entries.find((e) => e.source === source)!;
const statuses = () => Object.fromEntries(gender().entries.map((e) => [e.source, e.review?.status ?? 'unreviewed']));
/** What the value-map editor does to a row: the content changed in place, the review left as it was. */
const editRow = (source: string, patch: { target: string; display: string }) =>
  doc().edit('Edit value map row', (spec) => ({ ...spec, valueMaps: spec.valueMaps.map((m) => (m.id === GENDER ? { ...m, entries: m.entries.map((e) => (e.source === source ? { ...e, ...patch } : e)) } : m)) }));
/** An edit that is not of a value map (like one on the canvas). */
const editSettings = () => doc().edit('Set timezone', (spec) => ({ ...spec, settings: { ...spec.settings, defaultTimezone: '+01:00' } }));

let sync: ReviewSync;
let errors: unknown[];
let mappingKey: string;
let opened = 0;

beforeEach(async () => {
  const { bundle } = await api.getExample();
  // A key of its own per test: the history is the workspace's, shared by the tests of this file.
  mappingKey = `review sync ${++opened}`;
  doc().open(bundle, mappingKey, undefined, []);
  errors = [];
  sync = createReviewSync(api, (error) => errors.push(error));
  await api.setReviewer(rita);
});
afterEach(() => {
  sync.dispose();
  expect(errors).toEqual([]);
});

const history = async () => (await api.listReviewHistory({ mappingKey, valueMapId: GENDER })).map((e) => [e.action, e.source, e.from, e.to, e.by]);

describe('the review sync', () => {
  it('takes review steps into the document, marking it unsaved', async () => {
    const result = await sync.step(GENDER, { kind: 'approve', sources: ALL, comment: 'Checked against table 0001.' });
    expect(result.refused).toEqual([]);
    expect(statuses()).toEqual({ F: 'approved', M: 'approved', O: 'approved', U: 'approved', A: 'approved', N: 'approved' });
    expect(row('F').review?.comments).toEqual([{ by: 'Rita Reviewer', at: expect.any(String), text: 'Checked against table 0001.' }]);
    expect(selectDirty(doc())).toBe(true);
    // A review step is not an undo step.
    expect(doc().past).toEqual([]);
  });

  it('records an edit made in the value-map editor through the core: changed since approval, old → new, in the history', async () => {
    await sync.step(GENDER, { kind: 'approve', sources: ALL });
    await api.setReviewer(ana);
    editRow('N', { target: 'unknown', display: 'Unknown' });
    // The content changes at once (the preview follows); the review once the host has recorded it.
    expect(row('N').target).toBe('unknown');
    await sync.idle();
    expect(row('N').review).toMatchObject({ status: 'proposed', author: 'Ana Author', lastApproved: { source: 'N', target: 'other', display: 'Other' } });
    expect(row('N').review?.approvals).toBeUndefined();
    expect(changesSinceApproval(row('N'))).toEqual([{ field: 'target', from: 'other', to: 'unknown' }, { field: 'display', from: 'Other', to: 'Unknown' }]);
    expect(row('F').review?.status).toBe('approved');
    expect((await history()).slice(-1)).toEqual([['edit', 'N', 'approved', 'proposed', 'Ana Author']]);
    // The editor's edit stays one undo step.
    expect(doc().past.map((s) => s.label)).toEqual(['Edit value map row']);
  });

  it('never rolls the review back on undo or redo; a row whose content they change is an edit like any other', async () => {
    editSettings();
    await sync.step(GENDER, { kind: 'approve', sources: ALL });
    doc().undo();
    await sync.idle();
    // The snapshot from before the approval was rebased: the approvals stay.
    expect(doc().spec!.settings.defaultTimezone).toBe('Z');
    expect(statuses()).toEqual({ F: 'approved', M: 'approved', O: 'approved', U: 'approved', A: 'approved', N: 'approved' });
    doc().redo();

    await api.setReviewer(ana);
    editRow('N', { target: 'unknown', display: 'Unknown' });
    await sync.idle();
    doc().undo();
    await sync.idle();
    // Back to "other", but the approval the edit cleared does not come back with it.
    expect(row('N')).toMatchObject({ target: 'other', review: { status: 'proposed', author: 'Ana Author' } });
    expect(changesSinceApproval(row('N'))).toBeUndefined();
    doc().undo();
    await sync.idle();
    expect(statuses()).toMatchObject({ F: 'approved', N: 'proposed' });
    doc().redo();
    doc().redo();
    await sync.idle();
    expect(row('N')).toMatchObject({ target: 'unknown', review: { status: 'proposed' } });
    expect((await history()).slice(6)).toEqual([
      ['edit', 'N', 'approved', 'proposed', 'Ana Author'],
      ['edit', 'N', 'proposed', 'proposed', 'Ana Author'],
      ['edit', 'N', 'proposed', 'proposed', 'Ana Author'],
    ]);
  });

  it('takes a review step after the edits made before it, and records an edit made while it is on its way after it', async () => {
    sync.dispose();
    // The host's answer to the step is held until the analyst has edited row A meanwhile.
    sync = createReviewSync({
      ...api,
      reviewValueMap: async (args) => { editRow('A', { target: 'unknown', display: 'Unknown' }); return api.reviewValueMap(args); },
    }, (error) => errors.push(error));
    editRow('N', { target: 'unknown', display: 'Unknown' });
    expect((await sync.step(GENDER, { kind: 'approve', sources: ['N'] })).refused).toEqual([]);
    await sync.idle();
    expect(row('N')).toMatchObject({ target: 'unknown', review: { status: 'approved' } });
    expect(row('A')).toMatchObject({ target: 'unknown', review: { status: 'proposed', author: 'Rita Reviewer' } });
    expect(await history()).toEqual([
      ['edit', 'N', 'unreviewed', 'proposed', 'Rita Reviewer'],
      ['approve', 'N', 'proposed', 'approved', 'Rita Reviewer'],
      ['edit', 'A', 'unreviewed', 'proposed', 'Rita Reviewer'],
    ]);
    // Undo of the edit of A goes back to the approved N, not to the N before the approval.
    doc().undo();
    await sync.idle();
    expect(row('N').review?.status).toBe('approved');
    expect(row('A').target).toBe('other');
  });

  it('puts an imported map in place as the file has it, and reports refused rows without changing the document', async () => {
    await sync.step(GENDER, { kind: 'approve', sources: ['F', 'M'] });
    const exported = await api.exportValueMap({ bundle: doc().currentBundle()!, valueMapId: GENDER, format: 'conceptmap' });
    const approved = gender();
    await sync.step(GENDER, { kind: 'needs-discussion', sources: ['A'], comment: 'Is other right?' });
    const { valueMap } = await api.importValueMap({ bundle: doc().currentBundle()!, valueMapId: GENDER, format: 'conceptmap', text: exported.text });
    await sync.replace(GENDER, valueMap as unknown as ValueMap);
    expect(gender()).toEqual(approved);

    await api.setReviewer(ana);
    const before = doc().spec;
    const refused = await sync.step(GENDER, { kind: 'approve', sources: ['U'] });
    expect(refused.refused.map((r) => [r.source, r.error.code, r.error.message])).toEqual([['U', 'REVIEW_ROLE', 'Only a reviewer approves rows, and your role in the settings is author.']]);
    expect(doc().spec).toBe(before);
  });
});
