/**
 * The workspace database's schema, one migration per entry, applied in order inside a transaction.
 * An applied migration is recorded with the SHA-256 of its SQL; editing one after release is
 * refused at open (add a new migration instead), so every user's database has the same history.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'recent files, samples, ui state',
    sql: `
      CREATE TABLE recent_files (
        path TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        opened_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recent_files_by_time ON recent_files (opened_at DESC);

      CREATE TABLE samples (
        mapping_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (mapping_key, position)
      ) STRICT;

      CREATE TABLE ui_state (
        key TEXT PRIMARY KEY NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    id: 2,
    name: 'review history, settings',
    sql: `
      -- Every review step of a value-map row (status change, comment, edit), with who, when and the
      -- bundle's content hash after the step. Append-only: the triggers refuse UPDATE and DELETE.
      CREATE TABLE review_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        mapping_key TEXT NOT NULL,
        value_map TEXT NOT NULL,
        source TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'needs-discussion', 'propose', 'comment', 'edit', 'add', 'remove')),
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        comment TEXT,
        changes TEXT,
        approvals INTEGER,
        who TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('author', 'reviewer')),
        at TEXT NOT NULL,
        bundle_hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_history_by_row ON review_history (mapping_key, value_map, source, id);
      CREATE TRIGGER review_history_no_update BEFORE UPDATE ON review_history
        BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;
      CREATE TRIGGER review_history_no_delete BEFORE DELETE ON review_history
        BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];
