import { describe, expect, it, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { administrativeSex } from '../library/valueMaps/administrativeSex';
import { rowDigest } from '../valuemaps/rowReview';
import type { ValueMap } from '../valuemaps/ValueMap';
import { applyReviewAction, reconcileValueMapEdit, type ReviewContext } from './applyReviewAction';
import type { ReviewAction, Reviewer } from './ReviewAction';
import { approvalShortfall, defaultReviewPolicy, type ReviewPolicy } from './reviewPolicy';
import { valueMapProgress } from './reviewProgress';

// The real v2 0001 → administrative-gender map of the ADT example (held to the IG's table by
// shared/common/library/valueMaps/valueMapsMatchIg.test.ts).
const gender: ValueMap = administrativeSex;
const author: Reviewer = { name: 'Ana Author', role: 'author' };
const rita: Reviewer = { name: 'Rita Reviewer', role: 'reviewer' };
const sam: Reviewer = { name: 'Sam Second', role: 'reviewer' };
const twoPerson: ReviewPolicy = { approvals: 2, approverNotAuthor: true, requireApproved: false };

let minute = 0;
/** Each step one minute after the last, so times in assertions read in order. */
const at = (who: Reviewer, policy: ReviewPolicy = defaultReviewPolicy): ReviewContext => ({ reviewer: who, policy, now: `2026-11-26T09:${String(minute++).padStart(2, '0')}:00Z` });
const step = (map: ValueMap, action: ReviewAction, context: ReviewContext) => applyReviewAction(map, action, context);
const row = (map: ValueMap, source: string) => map.entries.find((entry) => entry.source === source)!;

describe('applyReviewAction on the v2 0001 → administrative-gender rows', () => {
  it('walks the issue\'s story: approve all, question A and N, an author changes N, it shows old → new until approved again', () => {
    minute = 0;
    let map = gender;
    const approveAll = step(map, { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'], comment: 'Checked against table 0001.' }, at(rita));
    expect(approveAll.refused).toEqual([]);
    expect(approveAll.events.map((e) => [e.source, e.from, e.to, e.approvals])).toEqual([
      ['F', 'unreviewed', 'approved', 1], ['M', 'unreviewed', 'approved', 1], ['O', 'unreviewed', 'approved', 1],
      ['U', 'unreviewed', 'approved', 1], ['A', 'unreviewed', 'approved', 1], ['N', 'unreviewed', 'approved', 1],
    ]);
    map = approveAll.map;
    expect(row(map, 'F')).toEqual({
      source: 'F', target: 'female', display: 'Female',
      review: {
        status: 'approved', reviewer: 'Rita Reviewer', reviewedAt: '2026-11-26T09:00:00Z',
        // The approval names the row it approves: sha256 of {"display":"Female","source":"F","target":"female"}, 12 hex digits.
        approvals: [{ by: 'Rita Reviewer', at: '2026-11-26T09:00:00Z', row: 'e8a8579d8d3e' }],
        comments: [{ by: 'Rita Reviewer', at: '2026-11-26T09:00:00Z', text: 'Checked against table 0001.' }],
      },
    });

    const question = step(map, { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Should ambiguous and not applicable really be "other"?' }, at(rita));
    map = question.map;
    expect(question.events.map((e) => [e.source, e.from, e.to])).toEqual([['A', 'approved', 'needs-discussion'], ['N', 'approved', 'needs-discussion']]);
    expect(row(map, 'N').review).toEqual({
      status: 'needs-discussion', reviewer: 'Rita Reviewer', reviewedAt: '2026-11-26T09:01:00Z',
      comments: [
        { by: 'Rita Reviewer', at: '2026-11-26T09:00:00Z', text: 'Checked against table 0001.' },
        { by: 'Rita Reviewer', at: '2026-11-26T09:01:00Z', text: 'Should ambiguous and not applicable really be "other"?' },
      ],
      lastApproved: { source: 'N', target: 'other', display: 'Other' },
    });
    // Questioned but not changed: not "changed since approval".
    expect(valueMapProgress(map, defaultReviewPolicy, true)).toMatchObject({ counts: { approved: 4, 'needs-discussion': 2 }, changedSinceApproval: 0 });

    const edit = step(map, { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown', equivalence: 'inexact' }, comment: 'Not applicable says nothing about sex: unknown.' }, at(author));
    map = edit.map;
    expect(edit.events).toEqual([{
      valueMap: 'v2-0001-gender', source: 'N', action: 'edit', from: 'needs-discussion', to: 'proposed',
      comment: 'Not applicable says nothing about sex: unknown.',
      changes: [{ field: 'target', from: 'other', to: 'unknown' }, { field: 'display', from: 'Other', to: 'Unknown' }, { field: 'equivalence', to: 'inexact' }],
      by: 'Ana Author', role: 'author', at: '2026-11-26T09:02:00Z',
    }]);
    expect(row(map, 'N')).toMatchObject({
      source: 'N', target: 'unknown', display: 'Unknown', equivalence: 'inexact',
      review: { status: 'proposed', author: 'Ana Author', authoredAt: '2026-11-26T09:02:00Z', lastApproved: { source: 'N', target: 'other', display: 'Other' } },
    });
    expect(valueMapProgress(map, defaultReviewPolicy, true)).toMatchObject({ counts: { approved: 4, proposed: 1, 'needs-discussion': 1 }, changedSinceApproval: 1 });

    const again = step(map, { kind: 'approve', sources: ['N'] }, at(rita));
    map = again.map;
    expect(again.events.map((e) => [e.from, e.to])).toEqual([['proposed', 'approved']]);
    // Approved again: the old content is gone, the new approval is the only one.
    expect(row(map, 'N').review).toEqual({
      status: 'approved', author: 'Ana Author', authoredAt: '2026-11-26T09:02:00Z', reviewer: 'Rita Reviewer', reviewedAt: '2026-11-26T09:03:00Z',
      approvals: [{ by: 'Rita Reviewer', at: '2026-11-26T09:03:00Z', row: rowDigest(row(map, 'N')) }],
      comments: [
        { by: 'Rita Reviewer', at: '2026-11-26T09:00:00Z', text: 'Checked against table 0001.' },
        { by: 'Rita Reviewer', at: '2026-11-26T09:01:00Z', text: 'Should ambiguous and not applicable really be "other"?' },
        { by: 'Ana Author', at: '2026-11-26T09:02:00Z', text: 'Not applicable says nothing about sex: unknown.' },
      ],
    });
    expect(valueMapProgress(map, defaultReviewPolicy, true)).toMatchObject({ counts: { approved: 5, 'needs-discussion': 1 }, changedSinceApproval: 0 });
  });

  it('enforces the two-person rule and approver ≠ last author, and says why an approval is refused', () => {
    minute = 0;
    const added = step(gender, { kind: 'add', entry: { source: 'X', target: 'unknown', display: 'Unknown' } }, at(rita, twoPerson));
    expect(added.events.map((e) => [e.source, e.action, e.from, e.to])).toEqual([['X', 'add', 'unreviewed', 'proposed']]);
    // Rita (a reviewer) added X, so she is its last author and may not approve it.
    const own = step(added.map, { kind: 'approve', sources: ['X', 'F'] }, at(rita, twoPerson));
    expect(own.refused).toEqual([{
      source: 'X',
      error: { code: 'REVIEW_OWN_ROW', message: 'You were the last to change row "X" of value map "v2-0001-gender", and this bundle requires an approver other than the row\'s last author.', where: { path: 'v2-0001-gender.entries[6]' } },
    }]);
    // F went ahead alone, with one of its two approvals: still proposed.
    expect(own.events.map((e) => [e.source, e.to, e.approvals])).toEqual([['F', 'proposed', 1]]);
    const twice = step(own.map, { kind: 'approve', sources: ['F'] }, at(rita, twoPerson));
    expect(twice.refused[0].error).toEqual({ code: 'REVIEW_ALREADY_APPROVED_BY', message: 'You have already approved row "F" of value map "v2-0001-gender"; it needs 1 more approval from someone else.', where: { path: 'v2-0001-gender.entries[0]' } });
    expect(twice.map).toBe(own.map);
    const second = step(own.map, { kind: 'approve', sources: ['F'] }, at(sam, twoPerson));
    expect(row(second.map, 'F').review).toMatchObject({ status: 'approved', approvals: [{ by: 'Rita Reviewer' }, { by: 'Sam Second' }] });
    const byAuthor = step(second.map, { kind: 'approve', sources: ['M'] }, at(author, twoPerson));
    expect(byAuthor.refused[0].error.message).toBe('Only a reviewer approves rows, and your role in the settings is author.');
    const done = step(second.map, { kind: 'approve', sources: ['F'] }, at(sam, twoPerson));
    expect(done.refused[0].error).toMatchObject({ code: 'REVIEW_ALREADY_APPROVED', message: 'Row "F" of value map "v2-0001-gender" is already approved.' });
  });

  it('holds a row approved under a weaker policy to the bundle\'s policy now', () => {
    minute = 0;
    const once = step(gender, { kind: 'approve', sources: ['F'] }, at(rita));
    expect(valueMapProgress(once.map, defaultReviewPolicy, true).counts.approved).toBe(1);
    expect(valueMapProgress(once.map, twoPerson, true).counts).toMatchObject({ approved: 0, proposed: 1 });
    const second = step(once.map, { kind: 'approve', sources: ['F'] }, at(sam, twoPerson));
    expect(second.events[0]).toMatchObject({ from: 'proposed', to: 'approved', approvals: 2 });
  });

  it('does not count approvals of a row changed outside the review (an editor that bypasses the model)', () => {
    minute = 0;
    const approved = step(gender, { kind: 'approve', sources: ['A'] }, at(rita)).map;
    const bypassed: ValueMap = { ...approved, entries: approved.entries.map((e) => (e.source === 'A' ? { ...e, target: 'unknown' } : e)) };
    expect(valueMapProgress(bypassed, defaultReviewPolicy, true).counts).toMatchObject({ approved: 0, proposed: 1, unreviewed: 5 });
    expect(approvalShortfall(row(bypassed, 'A'), defaultReviewPolicy)).toBe('it changed outside the review after it was approved, so its approvals are for another version of it');
    // Approving it again drops the stale approval.
    const again = step(bypassed, { kind: 'approve', sources: ['A'] }, at(rita));
    expect(again.refused).toEqual([]);
    expect(row(again.map, 'A').review?.approvals).toEqual([{ by: 'Rita Reviewer', at: '2026-11-26T09:01:00Z', row: rowDigest({ source: 'A', target: 'unknown', display: 'Other' }) }]);
  });

  test.each([
    [{ kind: 'reject', sources: ['F'], comment: 'x' }, author, 'REVIEW_ROLE', 'Only a reviewer rejects rows, and your role in the settings is author.'],
    [{ kind: 'comment', sources: ['Q'], comment: 'x' }, rita, 'REVIEW_UNKNOWN_ROW', 'Value map "v2-0001-gender" has no row for the source code "Q".'],
    [{ kind: 'edit', source: 'F', changes: { target: 'female' } }, author, 'REVIEW_NO_CHANGE', 'The edit leaves row "F" of value map "v2-0001-gender" as it is.'],
    [{ kind: 'edit', source: 'F', changes: { source: 'M' } }, author, 'REVIEW_DUPLICATE_ROW', 'Value map "v2-0001-gender" already has a row for the source code "M".'],
    [{ kind: 'add', entry: { source: 'M', target: 'male' } }, author, 'REVIEW_DUPLICATE_ROW', 'Value map "v2-0001-gender" already has a row for the source code "M".'],
    [{ kind: 'propose', sources: ['F'] }, author, undefined, undefined],
  ] as [ReviewAction, Reviewer, string | undefined, string | undefined][])('%j by %j', (action, who, code, message) => {
    const outcome = step(gender, action, at(who));
    if (code === undefined) expect(outcome.refused).toEqual([]);
    else expect(outcome.refused.map((r) => [r.error.code, r.error.message])).toEqual([[code, message]]);
  });

  it('needs a reviewer name', () => {
    const error = errorOf(() => step(gender, { kind: 'comment', sources: ['F'], comment: 'x' }, at({ name: ' ', role: 'author' })));
    expect([error.code, error.message]).toEqual(['REVIEW_NO_NAME', 'Set your reviewer name in the settings before reviewing: every change records who made it.']);
  });

  it('records a removed row and a comment-only edit', () => {
    minute = 0;
    const removed = step(gender, { kind: 'remove', source: 'N', comment: 'Not sent by this sender.' }, at(author));
    expect(removed.map.entries.map((e) => e.source)).toEqual(['F', 'M', 'O', 'U', 'A']);
    expect(removed.events).toEqual([{ valueMap: 'v2-0001-gender', source: 'N', action: 'remove', from: 'unreviewed', to: 'unreviewed', comment: 'Not sent by this sender.', by: 'Ana Author', role: 'author', at: '2026-11-26T09:00:00Z' }]);
    const approved = step(gender, { kind: 'approve', sources: ['A'] }, at(rita)).map;
    // The mapping note is not what approvals are for: the row stays approved.
    const noted = step(approved, { kind: 'edit', source: 'A', changes: { comment: 'IG: ambiguous → other.' } }, at(author));
    expect(row(noted.map, 'A')).toMatchObject({ comment: 'IG: ambiguous → other.', review: { status: 'approved' } });
    expect(noted.events[0].changes).toEqual([{ field: 'comment', to: 'IG: ambiguous → other.' }]);
  });
});

describe('reconcileValueMapEdit (an edit made in the value-map editor)', () => {
  it('turns changed, added and removed rows into review steps by the editor', () => {
    minute = 0;
    const approved = step(gender, { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'] }, at(rita)).map;
    const edited: ValueMap = {
      ...approved,
      entries: [...approved.entries.filter((e) => e.source !== 'U').map((e) => (e.source === 'A' ? { ...e, target: 'unknown', display: 'Unknown' } : e)), { source: 'X', target: 'unknown' }],
    };
    const { map, events } = reconcileValueMapEdit(approved, edited, at(author));
    expect(events.map((e) => [e.action, e.source, e.from, e.to])).toEqual([['edit', 'A', 'approved', 'proposed'], ['add', 'X', 'unreviewed', 'proposed'], ['remove', 'U', 'approved', 'approved']]);
    expect(row(map, 'A').review).toMatchObject({ status: 'proposed', author: 'Ana Author', lastApproved: { source: 'A', target: 'other', display: 'Other' } });
    expect(row(map, 'A').review?.approvals).toBeUndefined();
    expect(row(map, 'F').review?.status).toBe('approved');
    expect(row(map, 'X').review).toEqual({ status: 'proposed', author: 'Ana Author', authoredAt: '2026-11-26T09:01:00Z' });
  });

  it('keeps the review of rows whose content did not change, whatever the edited copy says (an undo past an approval)', () => {
    minute = 0;
    const approved = step(gender, { kind: 'approve', sources: ['F', 'M'] }, at(rita)).map;
    // An older copy: F and M as they were before the approval, O with a review nobody gave it.
    const older: ValueMap = { ...gender, entries: gender.entries.map((e) => (e.source === 'O' ? { ...e, review: { status: 'approved' as const, reviewer: 'Nobody' } } : e)) };
    const { map, events } = reconcileValueMapEdit(approved, older, at(author));
    expect(events).toEqual([]);
    expect(map.entries).toEqual(approved.entries);
    // Nothing differs: the edited copy itself comes back.
    const same = reconcileValueMapEdit(approved, approved, at(author));
    expect(same.map).toBe(approved);
  });
});
