import { z } from 'zod';
import { valueMapSchema } from '../../valuemaps/ValueMap';
import { MAPPING_FORMAT } from './formatVersion';

/**
 * The mapping spec: a graph stored as data. The studio canvas is a direct view of it (every
 * source, target and node is a canvas node; every link is an edge), the compiler turns it into
 * an executable plan, and the bundle file carries it to the runtime. docs/mapping-spec.md is the
 * user documentation; docs/mapping-spec.schema.json is generated from these schemas.
 */

/** Ids are referenced by links and by the trace; a small alphabet keeps them safe as keys and in paths. */
export const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'An id starts with a letter and has at most 64 letters, digits, "_", "." or "-".');

/** Port names are function input names (`value`, `format`) or a node kind's fixed ports (`in`, `out`, `code`). */
export const portSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A port name starts with a letter and has only letters, digits and "_".');

// ---------------------------------------------------------------------------------------------
// Schema references: what a source reads and what a target writes.

export const hl7v2SchemaRefSchema = z.object({
  standard: z.literal('hl7v2'),
  /** The version the mapping was designed against (`2.5.1`); messages of other 2.x versions are read the same way. */
  version: z.string().regex(/^2\.\d+(\.\d+)?$/, 'An HL7 v2 version looks like 2.5.1.'),
  /** Message structure as the standard names it (`ADT_A01`, `ORU_R01`). */
  structure: z.string().regex(/^[A-Z0-9]{3}_[A-Z0-9]{2,3}$/, 'A message structure looks like ADT_A01.'),
}).strict().meta({ description: 'An HL7 v2 message structure.' });

export const fhirSchemaRefSchema = z.object({
  standard: z.literal('fhir-r4'),
  /** Resource type (`Patient`, `Observation`). */
  resource: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'A FHIR resource type looks like Patient.'),
}).strict().meta({ description: 'A FHIR R4 resource type.' });

export const inferredSchemaRefSchema = z.object({
  standard: z.enum(['json', 'csv']),
  /** The sample the schema was inferred from, kept so the studio can redraw the tree. */
  sample: z.string().optional(),
}).strict().meta({ description: 'A JSON document or CSV file whose schema is inferred from a sample.' });

export const schemaRefSchema = z.discriminatedUnion('standard', [hl7v2SchemaRefSchema, fhirSchemaRefSchema, inferredSchemaRefSchema]);
export type SchemaRef = z.infer<typeof schemaRefSchema>;

/** The input side: one document per message (in this format version, exactly one source). */
export const sourceSchema = z.object({
  id: idSchema,
  label: z.string().optional(),
  schema: schemaRefSchema,
}).strict();
export type Source = z.infer<typeof sourceSchema>;

/**
 * One target resource template. It yields one resource per message, or one per item of the
 * iteration context linked to its root (each OBX → one Observation). Targets are emitted into
 * the output Bundle in the order they are listed here.
 */
export const targetSchema = z.object({
  id: idSchema,
  label: z.string().optional(),
  schema: schemaRefSchema,
  /**
   * The transaction request of each entry. POST (default): `url` is the resource type. PUT: the
   * resource gets the deterministic id and `url` is `Type/id`.
   */
  request: z.object({ method: z.enum(['POST', 'PUT']) }).strict().optional(),
}).strict();
export type Target = z.infer<typeof targetSchema>;

// ---------------------------------------------------------------------------------------------
// Nodes between sources and targets. Each kind has fixed ports (see nodePorts.ts).

/** A parameter value set on the node in the studio (not linked). */
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** A function from the registry (shared/common/functions): inputs by port name, output `out`. */
export const functionNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('function'),
  functionId: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'A function id has only letters, digits, "_", "." and "-".'),
  params: z.record(portSchema, paramValueSchema).optional(),
  label: z.string().optional(),
}).strict();

/** Looks a code up in one of the spec's value maps: input `in`; outputs `code`, `coding`, `display`, `system`. */
export const valueMapNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('valueMap'),
  valueMapId: idSchema,
  label: z.string().optional(),
}).strict();

/** A fixed value (a string, number, boolean, or a JSON object such as a Coding): output `out`. */
export const constantNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('constant'),
  value: z.json(),
  label: z.string().optional(),
}).strict();

/**
 * An expression in the safe expression language, evaluated in the current iteration context.
 * Without a link into `in`: output `out` is the expression's value (a condition or a formula).
 * With a link into `in`: `out` passes the input through only where the expression is true (a
 * filter); inside the expression `$in` is the input value. A filter on a context link keeps only
 * the items for which it holds (each OBX whose OBX-2 is 'NM').
 */
export const conditionNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('condition'),
  expression: z.string().min(1, 'A condition needs an expression.').max(4000),
  label: z.string().optional(),
}).strict();

/** A reference to another target's resource (`{"reference": "urn:uuid:..."}`): output `out`. */
export const referenceNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('reference'),
  target: idSchema,
  label: z.string().optional(),
}).strict();

export const nodeSchema = z.discriminatedUnion('kind', [functionNodeSchema, valueMapNodeSchema, constantNodeSchema, conditionNodeSchema, referenceNodeSchema]);
export type MappingNode = z.infer<typeof nodeSchema>;
export type FunctionNode = z.infer<typeof functionNodeSchema>;
export type ValueMapNode = z.infer<typeof valueMapNodeSchema>;
export type ConstantNode = z.infer<typeof constantNodeSchema>;
export type ConditionNode = z.infer<typeof conditionNodeSchema>;
export type ReferenceNode = z.infer<typeof referenceNodeSchema>;
export type NodeKind = MappingNode['kind'];

// ---------------------------------------------------------------------------------------------
// Links.

/** A source field, in its standard's path grammar (`PID-8`, `PID-3[2].1`, `OBX`). */
export const sourceEndpointSchema = z.object({
  source: idSchema,
  path: z.string().min(1).max(200),
}).strict();

/** A node's port. */
export const nodeEndpointSchema = z.object({
  node: idSchema,
  port: portSchema,
}).strict();

/** A target element (`Patient.gender`, `Observation.value[x]:valueQuantity.value`), or the resource itself (`Observation`). */
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

// ---------------------------------------------------------------------------------------------
// Settings and layout.

export const settingsSchema = z.object({
  /** Offset applied to HL7 times that carry none (`+01:00`, `Z`); absent keeps them without one. */
  defaultTimezone: z.string().regex(/^(Z|[+-](0\d|1[0-4]):[0-5]\d)$/, 'A timezone is Z or an offset like +01:00.').optional(),
}).strict();
export type MappingSettings = z.infer<typeof settingsSchema>;

/** Canvas state only: moving or collapsing a node changes this and nothing the engine reads. */
export const layoutSchema = z.object({
  nodes: z.array(z.object({
    id: idSchema,
    x: z.number(),
    y: z.number(),
    width: z.number().optional(),
    collapsed: z.boolean().optional(),
    /** Expanded schema-tree paths of a source or target node. */
    expanded: z.array(z.string()).optional(),
  }).strict()),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).strict().optional(),
}).strict();
export type MappingLayout = z.infer<typeof layoutSchema>;

// ---------------------------------------------------------------------------------------------

export const mappingSpecSchema = z.object({
  format: z.literal(MAPPING_FORMAT),
  sources: z.array(sourceSchema).min(1, 'A mapping needs a source.'),
  targets: z.array(targetSchema).min(1, 'A mapping needs at least one target.'),
  nodes: z.array(nodeSchema),
  links: z.array(linkSchema),
  valueMaps: z.array(valueMapSchema),
  settings: settingsSchema,
  layout: layoutSchema.optional(),
}).strict().meta({
  title: 'Crosswalk mapping spec',
  description: 'A mapping graph from a source schema (HL7 v2) to target resources (FHIR R4). See docs/mapping-spec.md.',
});
export type MappingSpec = z.infer<typeof mappingSpecSchema>;
