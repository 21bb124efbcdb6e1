import { z } from 'zod';
import { valueMapSchema } from '../../valuemaps/ValueMap';
import { nodeSchema } from '../nodes/nodeKinds';
import { MAPPING_FORMAT } from './formatVersion';
import { idSchema, mapIdSchema } from './ids';
import { schemaRefSchema } from './schemaRefs';
import { targetRequestSchema } from './targetRequest';

/**
 * The mapping spec: a graph of small maps, stored as data. The levels mirror the HL7 v2-to-FHIR
 * IG: a message map (which segment or group becomes which resource, and how they reference each
 * other), segment maps (`PID[Patient]`), data type maps (`CX[Identifier]`) and value maps
 * (vocabulary). The studio canvas shows one map at a time (every source, target and node is a
 * canvas node; every link an edge); the compiler links the maps into one executable plan; the
 * bundle file carries it to the runtime. docs/mapping-spec.md is the user documentation and
 * docs/mapping-spec.schema.json is generated from these schemas.
 */

export { idSchema, portSchema, mapIdSchema, MAP_ID_PATTERN } from './ids';
export {
  schemaRefSchema, hl7v2SchemaRefSchema, fhirSchemaRefSchema, inferredSchemaRefSchema, jsonSchemaRefSchema, csvSchemaRefSchema, sourceFieldSchema, fhirTypeOf, hl7InputOf,
  type SchemaRef, type Hl7v2SchemaRef, type FhirSchemaRef, type JsonSchemaRef, type CsvSchemaRef, type InferredSchemaRef, type SourceField,
} from './schemaRefs';
export { nodeSchema, type MappingNode, type NodeKindName, type FunctionNode, type ValueMapNode, type ConstantNode, type ConditionNode, type ReferenceNode, type CallNode, type NoteNode } from '../nodes/nodeKinds';
export { paramValueSchema } from '../nodes/functionNode';
export { targetRequestSchema, requestSearchSchema, type TargetRequest, type RequestSearch } from './targetRequest';

/** A map's input: the message (a message map: HL7 v2, a JSON document or a CSV row or file), one segment, one composite, or one JSON value. Exactly one per map. */
export const sourceSchema = z.object({
  id: idSchema,
  label: z.string().optional(),
  schema: schemaRefSchema,
}).strict();
export type Source = z.infer<typeof sourceSchema>;

/**
 * What a map writes. A message map lists its resource templates in output order; each yields one
 * resource per message, or one per item of the context linked to its root (each OBX → one
 * Observation). A segment or data type map has exactly one target: its output.
 */
export const targetSchema = z.object({
  id: idSchema,
  label: z.string().optional(),
  schema: schemaRefSchema,
  /**
   * The transaction request of each entry (message maps). POST (default): `url` is the resource
   * type. PUT: the resource gets the deterministic id and `url` is `Type/id`. With `search`, either
   * is conditional (targetRequest.ts).
   */
  request: targetRequestSchema.optional(),
}).strict();
export type Target = z.infer<typeof targetSchema>;

/** A source field, in its standard's path grammar (`PID-8`, `PID-3[2].1`, `OBX`, `CX.4.1`, `PATIENT_RESULT.ORDER_OBSERVATION`). */
export const sourceEndpointSchema = z.object({
  source: idSchema,
  path: z.string().min(1).max(200),
}).strict();

/** A node's port. */
export const nodeEndpointSchema = z.object({
  node: idSchema,
  port: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A port name starts with a letter and has only letters, digits and "_".'),
}).strict();

/** A target element (`Patient.gender`, `Observation.value[x]:valueQuantity.value`), or the resource or output itself (`Observation`). */
export const targetEndpointSchema = z.object({
  target: idSchema,
  path: z.string().min(1).max(300),
}).strict();

export const linkFromSchema = z.union([sourceEndpointSchema, nodeEndpointSchema]);
export const linkToSchema = z.union([nodeEndpointSchema, targetEndpointSchema]);

/**
 * A link carries a value (`kind: "value"`, the default) or opens an iteration context
 * (`kind: "context"`): from a repeating source item (or a condition filtering one) to a repeating
 * target item, one target item per source item. Value links whose target path lies under a
 * context's target path are evaluated once per item, and their source paths under the context's
 * source path are read relative to the current item.
 */
export const linkSchema = z.object({
  id: idSchema,
  from: linkFromSchema,
  to: linkToSchema,
  kind: z.enum(['value', 'context']).optional(),
  /** Where several links write the same element, lower `order` first (then link id). */
  order: z.number().int().optional(),
}).strict();
export type Link = z.infer<typeof linkSchema>;
export type LinkFrom = z.infer<typeof linkFromSchema>;
export type LinkTo = z.infer<typeof linkToSchema>;
export type SourceEndpoint = z.infer<typeof sourceEndpointSchema>;
export type NodeEndpoint = z.infer<typeof nodeEndpointSchema>;
export type TargetEndpoint = z.infer<typeof targetEndpointSchema>;

/** One accepted message type (MSH-9.1) with its trigger events (MSH-9.2); no events: any event. */
export const acceptedMessageSchema = z.object({
  type: z.string().regex(/^[A-Z0-9]{3}$/, 'A message type is three capitals or digits such as ADT.'),
  events: z.array(z.string().regex(/^[A-Z0-9]{3}$/, 'A trigger event is three capitals or digits such as A01.')).optional(),
}).strict();

/**
 * What a message map accepts. A message outside it is refused with MESSAGE_NOT_ACCEPTED naming
 * MSH-9 (and MSH-12) and what the map accepts. Absent members accept anything.
 */
export const acceptsSchema = z.object({
  messages: z.array(acceptedMessageSchema).min(1).optional(),
  /** MSH-12 versions (`2.5.1`); a version accepts its sub-versions (`2.5` accepts `2.5.1`). */
  versions: z.array(z.string().regex(/^2\.\d+(\.\d+)?$/, 'An HL7 v2 version looks like 2.5.1.')).min(1).optional(),
}).strict();
export type Accepts = z.infer<typeof acceptsSchema>;

export const mapKinds = ['message', 'segment', 'datatype'] as const;
export type MapKind = (typeof mapKinds)[number];

/**
 * One map: its input (one source), its output(s) (targets), and the nodes and links between
 * them. A message map reads a whole message and writes resources; a segment map reads one segment
 * and a data type map one composite, and each writes one output that the map calling it places.
 */
export const mapDefinitionSchema = z.object({
  id: mapIdSchema,
  kind: z.enum(mapKinds),
  label: z.string().optional(),
  description: z.string().optional(),
  /** Message maps: the messages it maps; others are refused by name. */
  accepts: acceptsSchema.optional(),
  /**
   * Segment and data type maps: an expression over the input; when it is false the map writes
   * nothing (the IG's "IF CX.1 VALUED").
   */
  when: z.string().min(1).max(4000).optional(),
  sources: z.array(sourceSchema).length(1, 'A map reads exactly one input.'),
  targets: z.array(targetSchema).min(1, 'A map needs at least one target.'),
  nodes: z.array(nodeSchema),
  links: z.array(linkSchema),
}).strict();
export type MapDefinition = z.infer<typeof mapDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// Settings and layout.

/**
 * How value-map rows are reviewed (shared/common/review): the model enforces it when a row is
 * approved, and `crosswalk review` and `--require-approved` count a row approved only when its
 * approvals meet it.
 */
export const reviewPolicySchema = z.object({
  /** Approvals a row needs from different people (two-person rule: 2). Default 1. */
  approvals: z.number().int().min(1).max(9).optional(),
  /** An approver may not be the row's last author. Default false. */
  approverNotAuthor: z.boolean().optional(),
  /** The runtime refuses to run while a value-map row the mapping can use is not approved (as `crosswalk run --require-approved`). Default false. */
  requireApproved: z.boolean().optional(),
}).strict();
export type ReviewPolicySettings = z.infer<typeof reviewPolicySchema>;

export const settingsSchema = z.object({
  /** Offset applied to HL7 times that carry none (`+01:00`, `Z`); absent keeps them without one. */
  defaultTimezone: z.string().regex(/^(Z|[+-](0\d|1[0-4]):[0-5]\d)$/, 'A timezone is Z or an offset like +01:00.').optional(),
  review: reviewPolicySchema.optional(),
  /**
   * A value the message holds but the mapping cannot map (a number that is not one, a date that
   * does not exist): `fail` (the default) fails the message; `absent` keeps the resource without
   * it, with a data-absent-reason where it was and a warning in an OperationOutcome of the Bundle.
   */
  valueErrors: z.enum(['fail', 'absent']).optional(),
}).strict();
export type MappingSettings = z.infer<typeof settingsSchema>;

export const layoutNodeSchema = z.object({
  id: idSchema,
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  collapsed: z.boolean().optional(),
  /** Expanded schema-tree paths of a source or target node. */
  expanded: z.array(z.string()).optional(),
}).strict();
export type LayoutNode = z.infer<typeof layoutNodeSchema>;

/** Canvas state of one map only: moving or collapsing a node changes this and nothing the engine reads. */
export const mapLayoutSchema = z.object({
  nodes: z.array(layoutNodeSchema),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).strict().optional(),
}).strict();
export type MapLayout = z.infer<typeof mapLayoutSchema>;

/** The canvas layout of every map, by map id. Kept outside the bundle's hash. */
export const layoutSchema = z.object({
  maps: z.record(mapIdSchema, mapLayoutSchema),
}).strict();
export type MappingLayout = z.infer<typeof layoutSchema>;

// ---------------------------------------------------------------------------------------------

export const mappingSpecSchema = z.object({
  format: z.literal(MAPPING_FORMAT),
  /** The maps, message maps first: a message is mapped by the first message map that accepts it. */
  maps: z.array(mapDefinitionSchema).min(1, 'A mapping needs at least one map.'),
  valueMaps: z.array(valueMapSchema),
  settings: settingsSchema,
  layout: layoutSchema.optional(),
}).strict().meta({
  title: 'Crosswalk mapping spec',
  description: 'A graph of maps from a source schema (HL7 v2) to target resources (FHIR R4): message, segment and data type maps with value maps. See docs/mapping-spec.md.',
});
export type MappingSpec = z.infer<typeof mappingSpecSchema>;

/** The map with this id, or undefined. */
export function findMap(spec: Pick<MappingSpec, 'maps'>, id: string): MapDefinition | undefined {
  return spec.maps.find((map) => map.id === id);
}

/** The message maps, in the order a message tries them. */
export function messageMaps(spec: Pick<MappingSpec, 'maps'>): MapDefinition[] {
  return spec.maps.filter((map) => map.kind === 'message');
}

/** The map the studio opens first: the first message map (or the first map). */
export function entryMap(spec: Pick<MappingSpec, 'maps'>): MapDefinition {
  return messageMaps(spec)[0] ?? spec.maps[0];
}

/** The layout of one map (empty when it has none yet). */
export function mapLayout(spec: Pick<MappingSpec, 'layout'>, mapId: string): MapLayout {
  return spec.layout?.maps[mapId] ?? { nodes: [] };
}
