import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioApi } from '../../common/studio';
import { genderMapping } from './testing/genderMapping';
import { openDefaultNodeStudio } from './openDefaultNodeStudio';
import type { NodeStudio } from './openNodeStudio';

// The Studio API as Electron opens it (openDefaultNodeStudio, real files in a temporary folder);
// the dialog hooks answer what the user would pick, one answer per call.
const bundle = { metadata: { name: 'ADT gender', version: '1.0.0' }, mapping: genderMapping(), tests: [] };
const notChosenToOpen = 'The studio opens only a file chosen in the Open dialog or listed in the recent files.';
const notChosenToSave = 'The studio saves only to a file chosen in the Save dialog or the file the mapping was opened from or saved to.';

let dir: string;
let studios: NodeStudio[];
let answers: { open: (string | null)[]; save: (string | null)[] };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-chosen-'));
  studios = [];
  answers = { open: [], save: [] };
});
afterEach(() => {
  for (const s of studios) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A studio session; `workspaceFile` shared between sessions keeps the recent files. */
function session(workspaceFile = ':memory:'): { api: StudioApi; studio: NodeStudio } {
  const studio = openDefaultNodeStudio({
    host: 'electron', version: '0.1.0', appRoot: process.cwd(), dataDir: dir, workspaceFile,
    hooks: { chooseOpenPath: async () => answers.open.shift() ?? null, chooseSavePath: async () => answers.save.shift() ?? null },
  });
  studios.push(studio);
  return { api: studio.api, studio };
}

async function writeBundleFile(name: string): Promise<string> {
  const file = join(dir, name);
  const { api } = session();
  writeFileSync(file, (await api.serializeBundle({ bundle })).text);
  return file;
}

describe('opening and saving by path: only what the user chose', () => {
  it('refuses a path nobody chose, before touching the file', async () => {
    const existing = await writeBundleFile('existing.crosswalk.json');
    const { api } = session();
    await expect(api.openBundle({ path: existing })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN', message: notChosenToOpen, where: { file: existing } });
    const target = join(dir, 'written.crosswalk.json');
    await expect(api.saveBundle({ path: target, bundle })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN', message: notChosenToSave, where: { file: target } });
    expect(existsSync(target)).toBe(false);
    // Overwriting a file the page merely knows of is refused too; it is left as it was.
    const before = readFileSync(existing, 'utf8');
    await expect(api.saveBundle({ path: existing, bundle: { ...bundle, metadata: { name: 'Other', version: '2.0.0' } } })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
    expect(readFileSync(existing, 'utf8')).toBe(before);
    expect(await api.listRecentFiles()).toEqual([]);
  });

  it('opens the file chosen in the Open dialog, then saves back to it without a dialog', async () => {
    const chosen = await writeBundleFile('chosen.crosswalk.json');
    const other = await writeBundleFile('other.crosswalk.json');
    const { api } = session();
    answers.open.push(chosen);
    expect(await api.chooseOpenPath({})).toEqual({ path: chosen });
    // Chosen to open is not yet chosen to save: the document is not from there until it opened.
    await expect(api.saveBundle({ path: chosen, bundle })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
    expect((await api.openBundle({ path: chosen })).path).toBe(chosen);
    expect((await api.saveBundle({ path: chosen, bundle })).path).toBe(chosen);
    await expect(api.openBundle({ path: other })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
    await expect(api.saveBundle({ path: other, bundle })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
  });

  it('saves to the file chosen in the Save dialog, which then opens from the recent files', async () => {
    const { api } = session();
    const target = join(dir, 'new.crosswalk.json');
    answers.save.push(target);
    expect(await api.chooseSavePath({ defaultName: 'new.crosswalk.json' })).toEqual({ path: target });
    const saved = await api.saveBundle({ path: target, bundle });
    expect(saved).toMatchObject({ path: target, bytes: Buffer.byteLength(readFileSync(target, 'utf8')) });
    expect((await api.openBundle({ path: target })).bundle.metadata).toEqual(bundle.metadata);
    expect(saved.hash).toMatch(/^sha256:/);
  });

  it('opens a recent file of an earlier session, and saves to it only once it is open', async () => {
    const workspaceFile = join(dir, 'workspace.sqlite');
    const file = await writeBundleFile('recent.crosswalk.json');
    const first = session(workspaceFile);
    answers.open.push(file);
    await first.api.chooseOpenPath({});
    await first.api.openBundle({ path: file });
    first.studio.close();
    studios = studios.filter((s) => s !== first.studio);

    const { api } = session(workspaceFile);
    expect((await api.listRecentFiles()).map((r) => r.path)).toEqual([file]);
    await expect(api.saveBundle({ path: file, bundle })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
    expect((await api.openBundle({ path: file })).path).toBe(file);
    expect((await api.saveBundle({ path: file, bundle })).path).toBe(file);
    // Cleared recent files are no longer a way in (this session's own opens still are, for Save).
    await api.clearRecentFiles();
    const fresh = session(workspaceFile);
    await expect(fresh.api.openBundle({ path: file })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
  });

  it('allows nothing for a cancelled dialog, and not Save for a chosen file that did not open', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    const { api } = session();
    answers.open.push(null);
    answers.save.push(null);
    expect(await api.chooseOpenPath({})).toEqual({ path: null });
    expect(await api.chooseSavePath({})).toEqual({ path: null });
    answers.open.push(broken);
    await api.chooseOpenPath({});
    await expect(api.openBundle({ path: broken })).rejects.toMatchObject({ code: 'CW_BUNDLE_JSON' });
    await expect(api.saveBundle({ path: broken, bundle })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN' });
    expect(readFileSync(broken, 'utf8')).toBe('{ not json');
  });
});
