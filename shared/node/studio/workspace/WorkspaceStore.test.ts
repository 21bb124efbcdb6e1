import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { WorkspaceStore, migrationHash, recentFileLimit } from './WorkspaceStore';

const reference = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const adt = readFileSync(join(reference, 'fhirconverter_ADT-A01-01.hl7'), 'utf8');
const oru = readFileSync(join(reference, 'fhirconverter_LAB-ORU-1.hl7'), 'utf8');

/** A clock that ticks one second per reading (opening a fresh store reads it once, for the migration record). */
function clock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return () => new Date((t += 1000));
}

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-ws-'));
  dirs.push(dir);
  return join(dir, 'nested', 'workspace.sqlite');
}

describe.each([[':memory:'], ['temp file']])('WorkspaceStore on %s', (kind) => {
  const open = () => WorkspaceStore.open(kind === ':memory:' ? ':memory:' : tempFile(), { now: clock() });

  it('remembers recent files newest first, updating an existing entry', () => {
    const store = open();
    store.touchRecentFile('/m/a.crosswalk.json', 'a.crosswalk.json');
    store.touchRecentFile('/m/b.crosswalk.json', 'b.crosswalk.json');
    store.touchRecentFile('/m/a.crosswalk.json', 'a.crosswalk.json');
    expect(store.listRecentFiles()).toEqual([
      { path: '/m/a.crosswalk.json', name: 'a.crosswalk.json', openedAt: '2026-01-01T00:00:04.000Z' },
      { path: '/m/b.crosswalk.json', name: 'b.crosswalk.json', openedAt: '2026-01-01T00:00:03.000Z' },
    ]);
    store.removeRecentFile('/m/a.crosswalk.json');
    expect(store.listRecentFiles().map((f) => f.name)).toEqual(['b.crosswalk.json']);
    store.clearRecentFiles();
    expect(store.listRecentFiles()).toEqual([]);
    store.close();
  });

  it(`keeps only the newest ${recentFileLimit} recent files`, () => {
    const store = open();
    for (let i = 1; i <= recentFileLimit + 5; i++) store.touchRecentFile(`/m/${i}.json`, `${i}.json`);
    const names = store.listRecentFiles(100).map((f) => f.name);
    expect(names.length).toBe(recentFileLimit);
    expect(names[0]).toBe(`${recentFileLimit + 5}.json`);
    expect(names.at(-1)).toBe('6.json');
    store.close();
  });

  it('stores real sample messages per mapping, byte for byte and in order', () => {
    const store = open();
    store.saveSamples('/m/adt.json', [{ name: 'ADT A01', text: adt }, { name: 'ORU', text: oru }]);
    store.saveSamples('/m/other.json', [{ name: 'only', text: 'MSH|^~\\&|' }]);
    expect(store.listSamples('/m/adt.json')).toEqual([{ name: 'ADT A01', text: adt }, { name: 'ORU', text: oru }]);
    store.saveSamples('/m/adt.json', [{ name: 'ORU', text: oru }]);
    expect(store.listSamples('/m/adt.json')).toEqual([{ name: 'ORU', text: oru }]);
    expect(store.listSamples('/m/other.json')).toEqual([{ name: 'only', text: 'MSH|^~\\&|' }]);
    expect(store.listSamples('/m/none.json')).toEqual([]);
    store.close();
  });

  it('round-trips UI state as JSON and refuses more than 1 MB', () => {
    const store = open();
    expect(store.getUiState('panels')).toBeNull();
    store.setUiState('panels', { left: 320, collapsed: ['PID', 'PV1'], zoom: 1.25, note: null });
    store.setUiState('__proto__', { polluted: true });
    expect(store.getUiState('panels')).toEqual({ left: 320, collapsed: ['PID', 'PV1'], zoom: 1.25, note: null });
    expect(store.getUiState('__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => store.setUiState('big', 'x'.repeat(1_000_001))).toThrow(
      expect.objectContaining({ code: 'CW_WORKSPACE_STATE_TOO_LARGE', message: 'The UI state "big" is 1000003 characters of JSON; the limit is 1000000.' }),
    );
    store.close();
  });
});

describe('WorkspaceStore migrations', () => {
  it('applies each migration once, recording its hash, and reopens a file with its data', () => {
    const file = tempFile();
    const first = WorkspaceStore.open(file, { now: clock() });
    first.saveSamples('k', [{ name: 's', text: adt }]);
    first.close();
    const db = new Database(file);
    expect(db.prepare('SELECT id, name, hash FROM schema_migrations').all()).toEqual(
      migrations.map((m) => ({ id: m.id, name: m.name, hash: migrationHash(m) })),
    );
    db.close();
    const again = WorkspaceStore.open(file);
    expect(again.listSamples('k')).toEqual([{ name: 's', text: adt }]);
    again.close();
  });

  it('refuses a database whose applied migration was edited', () => {
    const file = tempFile();
    WorkspaceStore.open(file).close();
    const edited = migrations.map((m) => (m.id === 1 ? { ...m, sql: `${m.sql}\nCREATE TABLE extra (x TEXT);` } : m));
    expect(() => WorkspaceStore.open(file, { migrations: edited })).toThrow(expect.objectContaining({
      code: 'CW_WORKSPACE_MIGRATION_CHANGED',
      message: 'Workspace migration 1 "recent files, samples, ui state" differs from the one applied to this database; migrations must never be edited once released.',
      where: { file },
    }));
  });

  it('refuses a database from a newer version', () => {
    const file = tempFile();
    WorkspaceStore.open(file, { migrations: [...migrations, { id: migrations.length + 1, name: 'later', sql: 'CREATE TABLE later (x TEXT);' }] }).close();
    expect(() => WorkspaceStore.open(file)).toThrow(expect.objectContaining({ code: 'CW_WORKSPACE_TOO_NEW' }));
  });

  it('rolls back a failing migration completely', () => {
    const file = tempFile();
    const broken = [...migrations, { id: migrations.length + 1, name: 'half', sql: 'CREATE TABLE half (x TEXT); INSERT INTO nowhere VALUES (1);' }];
    expect(() => WorkspaceStore.open(file, { migrations: broken })).toThrow(expect.objectContaining({ code: 'CW_WORKSPACE_OPEN' }));
    const db = new Database(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([]);
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual(migrations.map((m) => ({ id: m.id })));
    db.close();
  });

  it('reports a file that is not a database as a CrosswalkError', () => {
    const file = tempFile();
    WorkspaceStore.open(file).close();
    const notDb = join(file, '..', 'not-a-db.sqlite');
    writeFileSync(notDb, 'MSH|^~\\&|this is not sqlite'.repeat(100));
    expect(() => WorkspaceStore.open(notDb)).toThrow(expect.objectContaining({ code: 'CW_WORKSPACE_OPEN' }));
  });
});
