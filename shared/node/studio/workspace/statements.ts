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

  appendReviewEvent: `INSERT INTO review_history
    (mapping_key, value_map, source, action, from_status, to_status, comment, changes, approvals, who, role, at, bundle_hash)
    VALUES (@mappingKey, @valueMap, @source, @action, @from, @to, @comment, @changes, @approvals, @by, @role, @at, @bundleHash)`,
  listReviewHistory: `SELECT id, value_map AS valueMap, source, action, from_status AS "from", to_status AS "to", comment, changes, approvals,
      who AS "by", role, at, bundle_hash AS bundleHash
    FROM review_history
    WHERE mapping_key = @mappingKey AND (@valueMap IS NULL OR value_map = @valueMap) AND (@source IS NULL OR source = @source)
    ORDER BY id LIMIT @limit`,

  getSetting: 'SELECT json FROM settings WHERE key = @key',
  setSetting: `INSERT INTO settings (key, json, updated_at) VALUES (@key, @json, @updatedAt)
    ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
} as const;

export type StatementName = keyof typeof statements;
