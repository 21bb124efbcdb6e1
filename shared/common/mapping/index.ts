// The mapping engine's public API: the spec format, the compiler, the executor and the trace.
export * from './spec/MappingSpec';
export { MAPPING_FORMAT, MAPPING_FORMAT_NAME, MAPPING_FORMAT_VERSION } from './spec/formatVersion';
export { parseSpec } from './spec/parseSpec';
export { migrateSpec, specMigrations, type SpecMigration } from './spec/migrations';
export { checkSpecReferences } from './spec/checkSpecReferences';
export { normalizeSpec } from './spec/normalizeSpec';
export { isForbiddenKey, assertNoForbiddenKeys } from '../safety/forbiddenKeys';
export { compileMapping, compileAccepts, mapTypes, type CompileOptions, type MappingPlan, type MessagePlan } from './compile/compileMapping';
export type { FhirElementLookup } from './compile/FhirElementLookup';
export type { FunctionLookup } from './compile/FunctionLookup';
export { nodeKinds, nodeKindOf, nodePortsOf, type NodeKind, type NodePorts, type PortEnv, type PortInfo } from './nodes/nodeKinds';
export { executeMapping, chooseMessageMap, type ExecuteOptions, type MappingResult, type TransactionBundle, type BundleEntry, type FhirResource } from './execute/executeMapping';
export type { TraceEntry, TraceSource, TraceValueMapHit } from './trace/TraceEntry';
export { parseExpression } from './expression/parseExpression';
export type { ExpressionNode } from './expression/ExpressionAst';
export { compileWithCatalog, targetResourceTypes, targetFhirTypes, type CompiledMapping } from './compile/compileWithCatalog';
export { mapMessage, type MessageOutcome, type MapMessageOptions } from './execute/mapMessage';
