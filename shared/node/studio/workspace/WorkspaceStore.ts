import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { ReviewEvent, ReviewHistoryEntry } from '../../../common/review/ReviewAction';
import type { JsonValue, RecentFile, SampleMessage } from '../../../common/studio';
import { migrations as defaultMigrations, type Migration } from './migrations';
import { statements, type StatementName } from './statements';

/** How many recent files the workspace remembers. */
export const recentFileLimit = 20;
/** The largest piece of UI state accepted, in characters of JSON. */
export const uiStateLimit = 1_000_000;

export interface WorkspaceStoreOptions {
  /** Injected for tests; defaults to the real migrations. */
  migrations?: readonly Migration[];
  /** Injected for tests; defaults to the wall clock. */
  now?: () => Date;
}

type Prepared = { [K in StatementName]: Database.Statement };

/**
 * The studio's workspace: recent files, per-mapping sample messages, UI state, settings and the
 * value-map review history, in one SQLite file in the user's data directory (`:memory:` in
 * tests). Sample messages are patient data: they stay in this file on the user's machine and are
 * never logged.
 */
export class WorkspaceStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly sql: Prepared;
  private readonly now: () => Date;

  private constructor(file: string, db: Database.Database, now: () => Date) {
    this.file = file;
    this.db = db;
    this.now = now;
    this.sql = Object.fromEntries(Object.entries(statements).map(([name, text]) => [name, db.prepare(text)])) as Prepared;
  }

  /** Opens (creating when missing) and migrates the workspace database. */
  static open(file: string, options: WorkspaceStoreOptions = {}): WorkspaceStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 2000');
    } catch (error) {
      throw new CrosswalkError('CW_WORKSPACE_OPEN', `The workspace database could not be opened: ${(error as Error).message}.`, { file });
    }
    try {
      migrate(db, options.migrations ?? defaultMigrations, options.now ?? (() => new Date()), file);
      return new WorkspaceStore(file, db, options.now ?? (() => new Date()));
    } catch (error) {
      db.close();
      if (error instanceof CrosswalkError) throw error;
      throw new CrosswalkError('CW_WORKSPACE_OPEN', `The workspace database could not be read: ${(error as Error).message}.`, { file });
    }
  }

  close(): void {
    this.db.close();
  }

  /** Records that a file was opened or saved now; keeps the newest `recentFileLimit`. */
  touchRecentFile(path: string, name: string): void {
    this.db.transaction(() => {
      this.sql.touchRecentFile.run({ path, name, openedAt: this.now().toISOString() });
      this.sql.pruneRecentFiles.run({ keep: recentFileLimit });
    })();
  }

  listRecentFiles(limit = recentFileLimit): RecentFile[] {
    return this.sql.listRecentFiles.all({ limit }) as RecentFile[];
  }

  removeRecentFile(path: string): void {
    this.sql.removeRecentFile.run({ path });
  }

  clearRecentFiles(): void {
    this.sql.clearRecentFiles.run();
  }

  listSamples(mappingKey: string): SampleMessage[] {
    return this.sql.listSamples.all({ mappingKey }) as SampleMessage[];
  }

  /** Replaces a mapping's samples as one transaction: a failure leaves the old list intact. */
  saveSamples(mappingKey: string, samples: readonly SampleMessage[]): void {
    this.db.transaction(() => {
      this.sql.deleteSamples.run({ mappingKey });
      samples.forEach((sample, index) => this.sql.insertSample.run({ mappingKey, position: index + 1, name: sample.name, text: sample.text }));
    })();
  }

  getUiState(key: string): JsonValue | null {
    const row = this.sql.getUiState.get({ key }) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as JsonValue) : null;
  }

  setUiState(key: string, value: JsonValue): void {
    const json = JSON.stringify(value);
    if (json.length > uiStateLimit) {
      throw new CrosswalkError('CW_WORKSPACE_STATE_TOO_LARGE', `The UI state "${key}" is ${json.length} characters of JSON; the limit is ${uiStateLimit}.`, { path: key });
    }
    this.sql.setUiState.run({ key, json, updatedAt: this.now().toISOString() });
  }

  /**
   * Appends the events of one review step, all or none (one transaction: a crash mid-write leaves
   * the history as it was before the step), each with the bundle's hash after the step. The table
   * refuses UPDATE and DELETE, so the trail only grows.
   */
  appendReviewEvents(mappingKey: string, bundleHash: string, events: readonly ReviewEvent[]): number[] {
    return this.db.transaction(() => events.map((event) => Number(this.sql.appendReviewEvent.run({
      mappingKey, bundleHash,
      valueMap: event.valueMap, source: event.source, action: event.action, from: event.from, to: event.to,
      comment: event.comment ?? null, changes: event.changes ? JSON.stringify(event.changes) : null, approvals: event.approvals ?? null,
      by: event.by, role: event.role, at: event.at,
    }).lastInsertRowid)))();
  }

  /** The review history of a mapping, oldest first; narrowed to one value map and one row when given. */
  listReviewHistory(mappingKey: string, filter: { valueMap?: string; source?: string; limit?: number } = {}): ReviewHistoryEntry[] {
    const rows = this.sql.listReviewHistory.all({ mappingKey, valueMap: filter.valueMap ?? null, source: filter.source ?? null, limit: filter.limit ?? -1 }) as Record<string, unknown>[];
    return rows.map((row) => {
      const entry: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) {
        if (value === null) continue;
        entry[key] = key === 'changes' ? JSON.parse(value as string) : value;
      }
      return entry as unknown as ReviewHistoryEntry;
    });
  }

  /** A workspace setting (the reviewer's name and role...), or null when never set. */
  getSetting(key: string): JsonValue | null {
    const row = this.sql.getSetting.get({ key }) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as JsonValue) : null;
  }

  setSetting(key: string, value: JsonValue): void {
    this.sql.setSetting.run({ key, json: JSON.stringify(value), updatedAt: this.now().toISOString() });
  }
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function migrate(db: Database.Database, list: readonly Migration[], now: () => Date, file: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = db.prepare(statements.listMigrations).all() as { id: number; name: string; hash: string }[];
  const known = new Map(list.map((m) => [m.id, m]));
  for (const row of applied) {
    const migration = known.get(row.id);
    if (!migration) {
      throw new CrosswalkError('CW_WORKSPACE_TOO_NEW', `The workspace database was written by a newer Crosswalk (migration ${row.id} is unknown here); update Crosswalk or move the file aside.`, { file });
    }
    if (migrationHash(migration) !== row.hash) {
      throw new CrosswalkError('CW_WORKSPACE_MIGRATION_CHANGED', `Workspace migration ${row.id} "${row.name}" differs from the one applied to this database; migrations must never be edited once released.`, { file });
    }
  }
  const done = new Set(applied.map((row) => row.id));
  const record = db.prepare(statements.recordMigration);
  const pending = [...list].sort((a, b) => a.id - b.id).filter((migration) => !done.has(migration.id));
  if (pending.length === 0) return;
  // One reading of the clock per open: the migrations applied together share their time.
  const appliedAt = now().toISOString();
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run({ id: migration.id, name: migration.name, hash: migrationHash(migration), appliedAt });
    })();
  }
}
