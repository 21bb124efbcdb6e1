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
];
