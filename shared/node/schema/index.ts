export { nodeSchemaCatalog } from './nodeSchemaCatalog';
export { fileSchemaDataSource, defaultSchemaDirectory } from './fileSchemaDataSource';
