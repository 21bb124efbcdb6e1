// The mapping engine's public API: the spec format, and (as they land) compiler, executor and trace.
export * from './spec/MappingSpec';
export { MAPPING_FORMAT, MAPPING_FORMAT_NAME, MAPPING_FORMAT_VERSION } from './spec/formatVersion';
export { parseSpec } from './spec/parseSpec';
export { migrateSpec, specMigrations, type SpecMigration } from './spec/migrations';
export { checkSpecReferences } from './spec/checkSpecReferences';
export { normalizeSpec } from './spec/normalizeSpec';
export { isForbiddenKey, assertNoForbiddenKeys } from './safety/forbiddenKeys';
