import { z } from 'zod';
import { settingsSchema } from '../mapping/spec/MappingSpec';
import { csvSchemaRefSchema, jsonSchemaRefSchema } from '../mapping/spec/schemaRefs';
import {
  appInfoSchema, bundleDocumentSchema, conceptSchema, exampleSchema, exampleSummarySchema, fhirResourceSchema,
  functionInfoSchema, igMessageInfoSchema, newMappingFromIgSchema, openedBundleSchema, pathSchema, previewOutcomeSchema, recentFileSchema, sampleMessageSchema, savedBundleSchema,
  schemaRefSchema, schemaSearchHitSchema, searchParameterInfoSchema, schemaStandardInfoSchema, schemaStandardSchema, schemaStructureSchema, schemaTreeNodeSchema,
  serializedBundleSchema, terminologyKindSchema, terminologySummarySchema, uiStateKeySchema,
} from './studioSchemas';
import { coverageSampleSchema, documentFormatSchema, mapRowsSchema, mappingCoverageSchema } from './authoringSchemas';
import { reviewStudioMethods } from './reviewMethods';

/** One API method: what it takes (always one JSON object) and what it returns. */
export interface StudioMethod<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** One sentence for API docs and error messages. */
  summary: string;
}

function method<A extends z.ZodType, R extends z.ZodType>(summary: string, args: A, result: R): StudioMethod<A, R> {
  return { args, result, summary };
}

const none = z.object({}).strict();
const done = z.object({});
/** Bundle mapping keys: the bundle's path when it has one, else its name; samples and UI state hang off it. */
const mappingKey = z.string().min(1).max(4096);

/**
 * THE Studio API, as data (like vscode's ProxyChannel): the Electron preload, the IPC handlers,
 * the web host's routes and the renderer's client are all generated from this table, so a
 * method exists everywhere or nowhere and no channel name is spelled twice.
 */
export const studioMethods = {
  getAppInfo: method('Describes the host: version, Electron or web, whether native dialogs exist.', none, appInfoSchema),

  listExamples: method('Lists the example mappings that ship with Crosswalk.', none, z.array(exampleSummarySchema)),
  getExample: method('Loads an example mapping with its sample messages (the default example when no id is given).',
    z.object({ id: z.string().max(200).optional() }).strict(), exampleSchema),

  openBundle: method('Opens a mapping bundle file from a path and records it in the recent files.',
    z.object({ path: pathSchema }).strict(), openedBundleSchema),
  openBundleText: method('Opens a mapping bundle from file contents (drag and drop, a browser file picker).',
    z.object({ name: z.string().min(1).max(1024), text: z.string().max(200_000_000) }).strict(), openedBundleSchema),
  saveBundle: method('Writes a mapping bundle to a path atomically (canonical JSON, hash sealed) and records it in the recent files.',
    z.object({ path: pathSchema, bundle: bundleDocumentSchema }).strict(), savedBundleSchema),
  serializeBundle: method('Returns the canonical file text of a bundle without writing it (for a browser download).',
    z.object({ bundle: bundleDocumentSchema }).strict(), serializedBundleSchema),

  chooseOpenPath: method('Shows the native open dialog; the path is null when cancelled.',
    z.object({ title: z.string().max(200).optional() }).strict(), z.object({ path: z.string().nullable() })),
  chooseSavePath: method('Shows the native save dialog; the path is null when cancelled.',
    z.object({ title: z.string().max(200).optional(), defaultName: z.string().max(1024).optional() }).strict(),
    z.object({ path: z.string().nullable() })),
  setDocumentState: method('Tells the host the open document\'s title and whether it has unsaved changes (window title, close prompt).',
    z.object({ title: z.string().max(1024), dirty: z.boolean() }).strict(), done),

  listRecentFiles: method('Lists recently opened or saved bundle files, newest first.', none, z.array(recentFileSchema)),
  clearRecentFiles: method('Forgets the recent files.', none, done),

  listSchemaStandards: method('Lists the standards and versions the schema catalog knows.', none, z.array(schemaStandardInfoSchema)),
  listSchemaStructures: method('Lists the message structures, segments and data types (v2) or resources and types (FHIR) of a version.',
    z.object({ standard: schemaStandardSchema, version: z.string().min(1).max(20) }).strict(), z.array(schemaStructureSchema)),
  loadSchemaTree: method('Loads a schema tree: the root (no path) or the children of the node with that id, loaded `depth` levels deep.',
    schemaRefSchema.extend({
      /** A node's id (equal to its path except inside HL7 v2 segment groups). */
      path: z.string().max(1000).optional(),
      /** Levels of children to load (default 1); HL7 v2 trees are small enough to load whole with 20. */
      depth: z.number().int().min(0).max(20).optional(),
      /** FHIR: leave out extension, modifierExtension and element ids. */
      hideBoilerplate: z.boolean().optional(),
    }).strict(),
    z.object({ nodes: z.array(schemaTreeNodeSchema) })),
  loadSourceSchemaTree: method('Loads the tree of a JSON or CSV source as a map\'s source schema gives it: inferred from its sample, with the fields the author set; no nodes when it gives neither.',
    z.object({ schema: z.discriminatedUnion('standard', [jsonSchemaRefSchema, csvSchemaRefSchema]) }).strict(),
    z.object({ nodes: z.array(schemaTreeNodeSchema) })),
  searchSchema: method('Finds the nodes of a schema tree matching every word of a query, with the ids to expand to reveal each.',
    schemaRefSchema.extend({ query: z.string().min(1).max(200), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    z.array(schemaSearchHitSchema)),

  listSearchParameters: method("Lists a FHIR R4 resource's search parameters (name, type, expression), those a target's conditional request can search by marked.",
    z.object({ resource: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/) }).strict(), z.array(searchParameterInfoSchema)),

  listFunctions: method('Lists the function library (metadata only; the renderer runs functions from shared/ itself).', none,
    z.array(functionInfoSchema)),

  listTerminology: method('Lists value sets, concept maps or code systems for value-map import, filtered by a text query.',
    z.object({ kind: terminologyKindSchema, query: z.string().max(200).optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    z.array(terminologySummarySchema)),
  expandValueSet: method('Expands a value set to its codes; complete is false when a code system it draws on is not shipped (e.g. SNOMED CT).',
    z.object({ url: z.string().min(1).max(1000) }).strict(),
    z.object({ url: z.string(), concepts: z.array(conceptSchema), complete: z.boolean() })),
  getConceptMap: method('Loads a FHIR ConceptMap by id or canonical URL.', z.object({ idOrUrl: z.string().min(1).max(1000) }).strict(),
    fhirResourceSchema),
  getCodeSystem: method('Loads a FHIR CodeSystem by canonical URL.', z.object({ url: z.string().min(1).max(1000) }).strict(),
    fhirResourceSchema),

  runPreview: method('Runs a mapping on one message with the same engine as the runtime (for automation and the web; the studio previews in its own worker).',
    z.object({
      /** The bundle document as opened (or a bare mapping spec). */
      document: bundleDocumentSchema,
      input: z.string().max(10_000_000),
      trace: z.boolean().optional(),
      validate: z.boolean().optional(),
    }).strict(),
    previewOutcomeSchema),

  listIgMessages: method('Lists the HL7 v2-to-FHIR IG message maps a new mapping can start from.', none, z.array(igMessageInfoSchema)),
  newMappingFromIg: method('Starts a new mapping from an HL7 v2-to-FHIR IG message map: its message, segment, data type and vocabulary maps, notes for what the engine cannot express, and the count of IG rows.',
    z.object({
      message: z.string().regex(/^[A-Z0-9]{3}_[A-Z0-9]{3}$/, 'An IG message map is named like VXU_V04.'),
      /** The HL7 v2 version its maps read (default 2.5.1). */
      version: z.string().regex(/^2\.\d+(\.\d+)?$/, 'An HL7 v2 version looks like 2.5.1.').optional(),
      /** The offset of times sent without one (default Z), as the mapping's settings take it. */
      defaultTimezone: settingsSchema.shape.defaultTimezone,
    }).strict(),
    newMappingFromIgSchema),

  listSamples: method('Lists the sample messages kept in the workspace for a mapping.', z.object({ mappingKey }).strict(),
    z.array(sampleMessageSchema)),
  saveSamples: method('Replaces the sample messages kept in the workspace for a mapping.',
    z.object({ mappingKey, samples: z.array(sampleMessageSchema).max(1000) }).strict(), done),
  getUiState: method('Reads a piece of UI state (panel sizes, last example...) saved in the workspace; null when never set.',
    z.object({ key: uiStateKeySchema }).strict(), z.object({ value: z.json().nullable() })),
  setUiState: method('Saves a piece of UI state (any JSON, at most 1 MB) in the workspace.',
    z.object({ key: uiStateKeySchema, value: z.json() }).strict(), done),

  computeCoverage: method('Computes a mapping\'s coverage over sample messages: required or must-support target elements nothing writes, valued sample fields no link reads, per map and in all.',
    z.object({ document: bundleDocumentSchema, samples: z.array(coverageSampleSchema).max(1000) }).strict(), mappingCoverageSchema),
  listMappingRows: method('Lists the mapping as the table view\'s rows, map by map (one per link onto a target element, with the ids to open the canvas there), and the same rows as CSV.',
    z.object({ document: bundleDocumentSchema }).strict(), z.object({ maps: z.array(mapRowsSchema), csv: z.string() })),
  exportDocumentation: method('Returns the mapping\'s interface document (one self-contained HTML page, or Markdown) with its test cases run and its coverage over the test inputs and any samples.',
    z.object({ document: bundleDocumentSchema, format: documentFormatSchema, samples: z.array(coverageSampleSchema).max(1000).optional() }).strict(),
    z.object({ fileName: z.string(), text: z.string() })),
  ...reviewStudioMethods,
} as const;

export type StudioMethodName = keyof typeof studioMethods;
export const studioMethodNames = Object.keys(studioMethods) as StudioMethodName[];

export type StudioArgs<K extends StudioMethodName> = z.input<(typeof studioMethods)[K]['args']>;
export type StudioResult<K extends StudioMethodName> = z.output<(typeof studioMethods)[K]['result']>;

export function isStudioMethodName(name: unknown): name is StudioMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(studioMethods, name);
}

/** Every bundle-carrying argument is a plain object; re-exported for services that check one alone. */
export { bundleDocumentSchema };
