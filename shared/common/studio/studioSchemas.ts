import { z } from 'zod';
import { functionCategories } from '../functions/FunctionDefinition';
import type { SchemaNode, SchemaSearchHit } from '../schema';

/**
 * Runtime validators for everything that crosses the studio's process boundary (IPC or HTTP).
 * The host side trusts nothing from the renderer, and the renderer checks what comes back so a
 * drifted host fails loudly instead of drawing garbage. Types are inferred from these schemas.
 */

/** A file system path as the user's OS writes it. Bounded so a runaway payload cannot hang a host. */
export const pathSchema = z.string().min(1, 'The path is empty.').max(4096, 'The path is longer than 4096 characters.');

export const errorLocationSchema = z.object({
  message: z.number().optional(),
  file: z.string().optional(),
  segment: z.number().optional(),
  segmentId: z.string().optional(),
  field: z.number().optional(),
  offset: z.number().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  path: z.string().optional(),
  node: z.string().optional(),
  link: z.string().optional(),
});

export const crosswalkErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  where: errorLocationSchema,
});

/**
 * A mapping bundle document as JSON (format: docs/mapping-spec.md, validated by the bundle module
 * when it is opened and saved). On the wire it is a plain JSON object; the services parse and
 * check it with the engine's own schema, so this layer only insists on an object.
 */
export const bundleDocumentSchema = z.record(z.string(), z.unknown());

export const openedBundleSchema = z.object({
  /** Where it came from: an absolute path, or undefined when opened from file contents or an example. */
  path: z.string().optional(),
  /** A display name: the file name, or the example's title. */
  name: z.string(),
  bundle: bundleDocumentSchema,
});

export const savedBundleSchema = z.object({
  path: z.string(),
  /** Bytes written. */
  bytes: z.number().int().nonnegative(),
  /** The content hash recorded in the file, when the bundle format carries one. */
  hash: z.string().optional(),
});

export const serializedBundleSchema = z.object({
  /** A suggested file name, e.g. `adt-a01-to-fhir.crosswalk.json`. */
  fileName: z.string(),
  text: z.string(),
  hash: z.string().optional(),
});

export const recentFileSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** ISO 8601 instant of the last open or save. */
  openedAt: z.string(),
});

export const sampleMessageSchema = z.object({
  /** A test case's name when the sample is its input (the ORU example's run to 400 characters), so bounded loosely. */
  name: z.string().min(1).max(2000),
  text: z.string().max(10_000_000),
});

export const exampleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
});

export const exampleSchema = exampleSummarySchema.extend({
  bundle: bundleDocumentSchema,
  /** The sample messages that ship with the example (the bundle's own test-case inputs included). */
  samples: z.array(sampleMessageSchema),
});

export const schemaStandardSchema = z.enum(['hl7v2', 'fhir-r4']);

export const schemaStandardInfoSchema = z.object({
  standard: schemaStandardSchema,
  label: z.string(),
  versions: z.array(z.string()),
});

export const schemaStructureSchema = z.object({
  /** `ADT_A01`, `PID`, `CX` (v2) or `Patient`, `HumanName` (FHIR). */
  name: z.string(),
  kind: z.enum(['message', 'segment', 'datatype', 'resource', 'complex-type']),
  description: z.string().optional(),
  /** A v2 message structure's trigger events (HL7 table 0354), when the table lists them. */
  events: z.array(z.string()).optional(),
});

/** A FHIR R4 search parameter of one resource, and whether a target's `request.search` can use it. */
export const searchParameterInfoSchema = z.object({
  name: z.string(),
  /** `token`, `string`, `reference`, `date` … */
  type: z.string(),
  /** Its FHIRPath expression for the resource (`Patient.identifier`). */
  expression: z.string(),
  /** Whether a conditional request can search by it (a token or uri parameter on a plain element path); otherwise why not. */
  conditional: z.union([z.literal(true), z.string()]),
});

/** One row of a schema tree: the schema catalog's own node type (shared/common/schema/SchemaNode.ts). */
export type SchemaTreeNode = SchemaNode;

const schemaNodeKindSchema = z.enum([
  'message', 'group', 'segment', 'field', 'component', 'subcomponent', 'datatype', 'resource', 'type', 'element', 'backbone',
  'choice', 'choiceVariant', 'object', 'value',
]);

/** Loose: fields the catalog adds later pass through to the renderer untouched. */
export const schemaTreeNodeSchema: z.ZodType<SchemaTreeNode> = z.looseObject({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  label: z.string(),
  description: z.string().optional(),
  kind: schemaNodeKindSchema,
  dataType: z.string().optional(),
  types: z.array(z.string()).optional(),
  targetTypes: z.array(z.string()).optional(),
  min: z.number(),
  max: z.union([z.number(), z.literal('*')]),
  repeating: z.boolean(),
  usage: z.enum(['R', 'O', 'C', 'W']).optional(),
  length: z.number().optional(),
  table: z.string().optional(),
  binding: z.object({ strength: z.enum(['required', 'extensible', 'preferred', 'example']), valueSet: z.string().optional() }).optional(),
  modifier: z.boolean().optional(),
  hasChildren: z.boolean(),
  get children() {
    return z.array(schemaTreeNodeSchema).optional();
  },
});

export const schemaRefSchema = z.object({
  standard: schemaStandardSchema,
  version: z.string().min(1).max(20),
  /** Message structure, segment or data type (v2); resource or complex type (FHIR). */
  structure: z.string().min(1).max(100),
});

export const schemaSearchHitSchema: z.ZodType<SchemaSearchHit> = z.looseObject({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  label: z.string(),
  dataType: z.string().optional(),
  /** Ids from the root down to the hit's parent: expand these to reveal it. */
  ancestors: z.array(z.string()),
});

const valueTypeSchema = z.string();

export const functionInfoSchema = z.object({
  id: z.string(),
  category: z.enum(functionCategories),
  label: z.string(),
  description: z.string(),
  inputs: z.array(z.object({
    name: z.string(),
    type: valueTypeSchema,
    many: z.boolean().optional(),
    optional: z.boolean().optional(),
    description: z.string(),
  })),
  output: z.object({ type: valueTypeSchema, many: z.boolean().optional(), description: z.string() }),
  /** The library map that replaces it: kept for bundles that use it, not offered in the palette. */
  replacedBy: z.string().optional(),
  params: z.array(z.object({
    name: z.string(),
    /** `table`: a constant lookup table edited as key → value rows. */
    type: z.enum(['string', 'number', 'boolean', 'enum', 'table']),
    options: z.array(z.string()).optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    description: z.string(),
  })),
  examples: z.array(z.object({
    inputs: z.record(z.string(), z.unknown()),
    params: z.record(z.string(), z.unknown()).optional(),
    /** Absent when the function yields no value for these inputs (undefined does not survive JSON). */
    output: z.unknown().optional(),
  })),
});

export const terminologyKindSchema = z.enum(['valueSet', 'conceptMap', 'codeSystem']);

export const terminologySummarySchema = z.object({
  kind: terminologyKindSchema,
  id: z.string(),
  url: z.string(),
  name: z.string(),
  title: z.string().optional(),
});

export const conceptSchema = z.object({
  system: z.string(),
  code: z.string(),
  display: z.string().optional(),
});

/** A FHIR R4 resource (ValueSet, CodeSystem, ConceptMap) as JSON. */
export const fhirResourceSchema = z.looseObject({ resourceType: z.string() });

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  /** Native open/save dialogs exist (Electron); the web host has none, so the renderer uses an <input type=file> and downloads. */
  nativeDialogs: z.boolean(),
  /** Where the workspace database lives, for the About box. */
  dataDir: z.string(),
});

/** What one preview run produced: the output Bundle (with its trace), or the error, with the output and issues when validation failed. */
export const previewOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    output: z.record(z.string(), z.unknown()),
    trace: z.array(z.looseObject({ output: z.string(), target: z.string(), targetPath: z.string(), link: z.string() })).optional(),
    /** The message map that mapped the message. */
    map: z.string().optional(),
    /** Where each segment went in the structure's groups (traced runs of maps that read groups). */
    placements: z.array(z.object({ segment: z.number(), id: z.string(), group: z.string(), how: z.enum(['expected', 'lenient', 'unexpected']) })).optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: crosswalkErrorDataSchema,
    stage: z.enum(['spec', 'parse', 'compile', 'execute']).optional(),
    output: z.record(z.string(), z.unknown()).optional(),
    issues: z.array(z.looseObject({ severity: z.enum(['error', 'warning']), message: z.string(), path: z.string() })).optional(),
  }),
]);

export const uiStateKeySchema = z.string().min(1).max(200);

/** Commands the host's menus send to the renderer (Electron's menu bar; the web host sends none). */
export const hostCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.enum(['new', 'open', 'save', 'saveAs', 'export', 'undo', 'redo', 'fitView', 'zoomIn', 'zoomOut', 'resetZoom', 'about']) }),
  z.object({ command: z.literal('openRecent'), path: z.string() }),
]);

/** One of the HL7 v2-to-FHIR IG's message maps a new mapping can start from. */
export const igMessageInfoSchema = z.object({
  /** The IG's name, which is the v2 message structure (`VXU_V04`). */
  message: z.string(),
  type: z.string(),
  event: z.string(),
  /** The structure's description in HL7 v2.5.1, when it has one. */
  description: z.string().optional(),
});

/** What starting from the IG made of its rows (shared/common/ig/IgImportResult.ts), with the closing summary's lines. */
export const igImportReportSchema = z.object({
  message: z.string(),
  version: z.string(),
  source: z.string(),
  counts: z.object({
    rows: z.number(), links: z.number(), conditions: z.number(), notes: z.number(), unmapped: z.number(),
    byReason: z.record(z.string(), z.number()),
    references: z.object({ links: z.number(), notes: z.number() }),
    remarks: z.number(),
  }),
  notes: z.array(z.object({ map: z.string(), node: z.string(), table: z.string(), row: z.string(), reason: z.string(), text: z.string() })),
  maps: z.object({ generated: z.array(z.string()), library: z.array(z.string()) }),
  valueMaps: z.object({ generated: z.array(z.string()), library: z.array(z.string()) }),
  corrections: z.array(z.object({ table: z.string(), row: z.string(), ig: z.string(), read: z.string(), reason: z.string() })),
  summary: z.array(z.string()),
});

/** A new mapping started from the IG: opened like a bundle (not yet saved: no path), with its import report. */
export const newMappingFromIgSchema = z.object({
  name: z.string(),
  bundle: bundleDocumentSchema,
  report: igImportReportSchema,
});
