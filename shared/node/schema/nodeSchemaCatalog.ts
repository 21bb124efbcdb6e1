import { createSchemaCatalog, type SchemaCatalog } from '../../common/schema/SchemaCatalog';
import { fileSchemaDataSource } from './fileSchemaDataSource';

let shared: SchemaCatalog | undefined;

/**
 * The catalog over generated/schemas/ on disk. Without a directory it is one shared instance per
 * process, so every caller (CLI, runtime, Studio host) reuses what is already loaded.
 */
export function nodeSchemaCatalog(directory?: string): SchemaCatalog {
  if (directory !== undefined) return createSchemaCatalog(fileSchemaDataSource(directory));
  shared ??= createSchemaCatalog(fileSchemaDataSource());
  return shared;
}
