import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../common/review/ReviewAction';
import { WorkspaceStore } from './WorkspaceStore';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-review-'));
  dirs.push(dir);
  return join(dir, 'workspace.sqlite');
}

const key = '/m/adt.crosswalk.json';
const approveF: ReviewEvent = { valueMap: 'v2-0001-gender', source: 'F', action: 'approve', from: 'unreviewed', to: 'approved', approvals: 1, by: 'Rita Reviewer', role: 'reviewer', at: '2026-11-26T09:00:00Z' };
const editN: ReviewEvent = {
  valueMap: 'v2-0001-gender', source: 'N', action: 'edit', from: 'needs-discussion', to: 'proposed', comment: 'Not applicable → unknown.',
  changes: [{ field: 'target', from: 'other', to: 'unknown' }, { field: 'equivalence', to: 'inexact' }], by: 'Ana Author', role: 'author', at: '2026-11-26T09:05:00Z',
};

describe('the review history', () => {
  it('appends steps with their bundle hash and lists them oldest first, by value map and row', () => {
    const store = WorkspaceStore.open(tempFile());
    expect(store.appendReviewEvents(key, 'sha256:aa', [approveF])).toEqual([1]);
    expect(store.appendReviewEvents(key, 'sha256:bb', [editN])).toEqual([2]);
    store.appendReviewEvents('/m/other.crosswalk.json', 'sha256:cc', [approveF]);
    expect(store.listReviewHistory(key)).toEqual([{ id: 1, ...approveF, bundleHash: 'sha256:aa' }, { id: 2, ...editN, bundleHash: 'sha256:bb' }]);
    expect(store.listReviewHistory(key, { valueMap: 'v2-0001-gender', source: 'N' }).map((e) => e.id)).toEqual([2]);
    expect(store.listReviewHistory(key, { limit: 1 }).map((e) => e.id)).toEqual([1]);
    expect(store.listReviewHistory('/m/none.json')).toEqual([]);
    store.close();
  });

  it('refuses UPDATE and DELETE of a recorded step, even through SQL on the file', () => {
    const file = tempFile();
    const store = WorkspaceStore.open(file);
    store.appendReviewEvents(key, 'sha256:aa', [approveF, editN]);
    store.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE review_history SET to_status = 'rejected' WHERE id = 1").run()).toThrow('the review history is append-only');
    expect(() => db.prepare('DELETE FROM review_history WHERE id = 2').run()).toThrow('the review history is append-only');
    expect(() => db.prepare('DELETE FROM review_history').run()).toThrow('the review history is append-only');
    expect(db.prepare('SELECT count(*) AS n FROM review_history').get()).toEqual({ n: 2 });
    db.close();
  });

  it('writes a step all or none: one bad event leaves the history as it was', () => {
    const store = WorkspaceStore.open(tempFile());
    store.appendReviewEvents(key, 'sha256:aa', [approveF]);
    const bad = { ...editN, role: 'admin' } as unknown as ReviewEvent;
    expect(() => store.appendReviewEvents(key, 'sha256:bb', [editN, bad])).toThrow(/CHECK constraint failed/);
    expect(store.listReviewHistory(key).map((e) => e.id)).toEqual([1]);
    store.close();
  });

  it('survives a crash in the middle of a write: the step in progress is absent, the rest intact', async () => {
    const file = tempFile();
    const count = 400;
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('shared/node/fixtures/reviewHistoryWriter.ts'), file, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const killed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    await new Promise<void>((inside, failed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('inside\n')) inside();
      });
      child.on('exit', () => failed(new Error(`the writer ended before its second step: ${output}`)));
    });
    // Half of the second step's rows are inserted and uncommitted right now.
    child.kill('SIGKILL');
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(output).toBe('committed\ninside\n');

    const db = new Database(file);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
    const store = WorkspaceStore.open(file);
    const history = store.listReviewHistory(key);
    expect(history).toHaveLength(count);
    expect(new Set(history.map((e) => e.bundleHash))).toEqual(new Set(['sha256:first']));
    expect(history.at(-1)).toMatchObject({ id: count, comment: `step comment ${count - 1}` });
    // The workspace goes on: the next step gets the next id.
    expect(store.appendReviewEvents(key, 'sha256:after', [approveF])).toEqual([count + 1]);
    store.close();
    expect(existsSync(`${file}-journal`)).toBe(false);
  });
});

describe('workspace settings', () => {
  it('keeps JSON settings, null when never set', () => {
    const store = WorkspaceStore.open(':memory:');
    expect(store.getSetting('reviewer')).toBeNull();
    store.setSetting('reviewer', { name: 'Rita Reviewer', role: 'reviewer' });
    store.setSetting('reviewer', { name: 'Rita R.', role: 'reviewer' });
    expect(store.getSetting('reviewer')).toEqual({ name: 'Rita R.', role: 'reviewer' });
    store.close();
  });
});
