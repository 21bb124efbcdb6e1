export type {
  SchemaNode, SchemaNodeKind, SchemaBinding, SchemaRef, SchemaStandardInfo, SchemaStructureInfo, Hl7v2Usage,
} from './SchemaNode';
export { cardinality } from './SchemaNode';
export type { SchemaDataSource } from './SchemaDataSource';
export { createSchemaCatalog, FHIR_R4_VERSION } from './SchemaCatalog';
export type { SchemaCatalog, SchemaTreeOptions, Hl7v2Table, FhirPrimitiveInfo, FhirSearchParameterInfo } from './SchemaCatalog';
export type { FhirElementInfo } from './fhirElements';
export type { SchemaSearchHit } from './searchSchema';
export { searchSchemaTree } from './searchSchema';
export { limitDepth } from './limitDepth';
export { inferJsonSchema, inferCsvSchema } from './inferSchema';
export type {
  CodeSystemResource, CodeSystemConcept, ValueSetResource, ValueSetInclude, ConceptMapResource, ValueSetExpansion,
  ExpandedConcept, TerminologyKind, TerminologySummary,
} from './terminology';
export { schemaFiles, SCHEMA_INDEX_FORMAT } from './compact';
