/**
 * Every SQL statement the workspace runs, by name. Statements are prepared once at open and
 * values are always bound as parameters, never pasted into SQL text.
 */
export const statements = {
  listMigrations: 'SELECT id, name, hash FROM schema_migrations ORDER BY id',
  recordMigration: 'INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (@id, @name, @hash, @appliedAt)',

  touchRecentFile: `INSERT INTO recent_files (path, name, opened_at) VALUES (@path, @name, @openedAt)
    ON CONFLICT (path) DO UPDATE SET name = excluded.name, opened_at = excluded.opened_at`,
  listRecentFiles: 'SELECT path, name, opened_at AS openedAt FROM recent_files ORDER BY opened_at DESC, path LIMIT @limit',
  pruneRecentFiles: `DELETE FROM recent_files WHERE path NOT IN (
    SELECT path FROM recent_files ORDER BY opened_at DESC, path LIMIT @keep)`,
  removeRecentFile: 'DELETE FROM recent_files WHERE path = @path',
  clearRecentFiles: 'DELETE FROM recent_files',

  listSamples: 'SELECT name, text FROM samples WHERE mapping_key = @mappingKey ORDER BY position',
  deleteSamples: 'DELETE FROM samples WHERE mapping_key = @mappingKey',
  insertSample: 'INSERT INTO samples (mapping_key, position, name, text) VALUES (@mappingKey, @position, @name, @text)',

  getUiState: 'SELECT json FROM ui_state WHERE key = @key',
  setUiState: `INSERT INTO ui_state (key, json, updated_at) VALUES (@key, @json, @updatedAt)
    ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
} as const;

export type StatementName = keyof typeof statements;
