/**
 * Where the catalog gets its compact index files: Node reads generated/schemas/ from disk
 * (shared/node/schema), the renderer asks the Studio API. `read` resolves to the parsed JSON of
 * one file, named relative to generated/schemas/ (see compact.ts `schemaFiles`), and rejects
 * with a CrosswalkError (SCHEMA_DATA_MISSING) when the file does not exist.
 */
export interface SchemaDataSource {
  read(file: string): Promise<unknown>;
}
