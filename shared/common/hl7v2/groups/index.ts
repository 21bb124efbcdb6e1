export { compileStructure, looksLikeGroupPath, resolveGroupPath, type CompiledGroup, type CompiledStructure, type MessageStructure, type StructureItem } from './MessageStructure';
export { instancePath, placeSegments, type GroupInstance, type MessageGroups, type SegmentPlacement } from './placeSegments';
