import type { z } from 'zod';
import type { CrosswalkErrorData } from '../errors/CrosswalkError';
import type { StudioArgs, StudioMethodName, StudioResult } from './studioMethods';
import type {
  appInfoSchema, bundleDocumentSchema, conceptSchema, exampleSchema, exampleSummarySchema, fhirResourceSchema,
  functionInfoSchema, hostCommandSchema, igImportReportSchema, igMessageInfoSchema, newMappingFromIgSchema, openedBundleSchema, previewOutcomeSchema, recentFileSchema, sampleMessageSchema, savedBundleSchema,
  schemaStandardInfoSchema, schemaStructureSchema, searchParameterInfoSchema, serializedBundleSchema, terminologyKindSchema, terminologySummarySchema,
  SchemaTreeNode,
} from './studioSchemas';
import type { SchemaSearchHit } from '../schema';
import type { InferredSchemaRef } from '../mapping/spec/schemaRefs';
import type { coverageSampleSchema, documentFormatSchema, mapRowsSchema, mappingCoverageSchema } from './authoringSchemas';
import type { ReviewStudioApi } from './reviewMethods';

export type AppInfo = z.infer<typeof appInfoSchema>;
export type BundleDocument = z.infer<typeof bundleDocumentSchema>;
export type OpenedBundle = z.infer<typeof openedBundleSchema>;
export type SavedBundle = z.infer<typeof savedBundleSchema>;
export type SerializedBundle = z.infer<typeof serializedBundleSchema>;
export type RecentFile = z.infer<typeof recentFileSchema>;
export type SampleMessage = z.infer<typeof sampleMessageSchema>;
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;
export type Example = z.infer<typeof exampleSchema>;
export type SchemaStandardInfo = z.infer<typeof schemaStandardInfoSchema>;
export type SchemaStructure = z.infer<typeof schemaStructureSchema>;
export type FunctionInfo = z.infer<typeof functionInfoSchema>;
export type SearchParameterInfo = z.infer<typeof searchParameterInfoSchema>;
export type TerminologyKind = z.infer<typeof terminologyKindSchema>;
export type TerminologySummary = z.infer<typeof terminologySummarySchema>;
export type Concept = z.infer<typeof conceptSchema>;
export type FhirResourceJson = z.infer<typeof fhirResourceSchema>;
export type HostCommand = z.infer<typeof hostCommandSchema>;
export type PreviewOutcome = z.infer<typeof previewOutcomeSchema>;
export type CoverageSample = z.infer<typeof coverageSampleSchema>;
export type MappingCoverageResult = z.infer<typeof mappingCoverageSchema>;
export type MapRowsResult = z.infer<typeof mapRowsSchema>;
export type DocumentFormat = z.infer<typeof documentFormatSchema>;
export type IgMessageInfo = z.infer<typeof igMessageInfoSchema>;
export type IgImportReport = z.infer<typeof igImportReportSchema>;
export type NewMappingFromIg = z.infer<typeof newMappingFromIgSchema>;
export type { SchemaTreeNode, SchemaSearchHit };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The one typed API between the studio's renderer and its host (Electron main or the web host).
 * Every method takes one JSON object and resolves to JSON; a failure rejects with a CrosswalkError
 * (code, one sentence, where). The table in studioMethods.ts is the source of truth for argument
 * and result validation; the check at the end of this file keeps the two identical.
 *
 * The studio's live preview runs in the renderer (a worker): the engine is pure, so what the analyst
 * sees is the same code the runtime runs, with no round trip per keystroke. `runPreview` runs the
 * same engine on the host, for automation over the web host and for checks against the worker.
 * Test cases are part of the bundle document and are saved with it.
 */
export interface StudioApi extends ReviewStudioApi {
  getAppInfo(): Promise<AppInfo>;

  listExamples(): Promise<ExampleSummary[]>;
  getExample(args?: { id?: string }): Promise<Example>;

  openBundle(args: { path: string }): Promise<OpenedBundle>;
  openBundleText(args: { name: string; text: string }): Promise<OpenedBundle>;
  saveBundle(args: { path: string; bundle: BundleDocument }): Promise<SavedBundle>;
  serializeBundle(args: { bundle: BundleDocument }): Promise<SerializedBundle>;

  chooseOpenPath(args?: { title?: string }): Promise<{ path: string | null }>;
  chooseSavePath(args?: { title?: string; defaultName?: string }): Promise<{ path: string | null }>;
  setDocumentState(args: { title: string; dirty: boolean }): Promise<Record<string, never>>;

  listRecentFiles(): Promise<RecentFile[]>;
  clearRecentFiles(): Promise<Record<string, never>>;

  listSchemaStandards(): Promise<SchemaStandardInfo[]>;
  listSchemaStructures(args: { standard: 'hl7v2' | 'fhir-r4'; version: string }): Promise<SchemaStructure[]>;
  loadSchemaTree(args: {
    standard: 'hl7v2' | 'fhir-r4'; version: string; structure: string; path?: string; depth?: number; hideBoilerplate?: boolean;
  }): Promise<{ nodes: SchemaTreeNode[] }>;
  /** The source tree of a JSON or CSV source (a map's `sources[0].schema`): inferred from its sample, with its fields laid over. */
  loadSourceSchemaTree(args: { schema: InferredSchemaRef }): Promise<{ nodes: SchemaTreeNode[] }>;
  searchSchema(args: { standard: 'hl7v2' | 'fhir-r4'; version: string; structure: string; query: string; limit?: number }): Promise<SchemaSearchHit[]>;

  listSearchParameters(args: { resource: string }): Promise<SearchParameterInfo[]>;

  listFunctions(): Promise<FunctionInfo[]>;

  listTerminology(args: { kind: TerminologyKind; query?: string; limit?: number }): Promise<TerminologySummary[]>;
  expandValueSet(args: { url: string }): Promise<{ url: string; concepts: Concept[]; complete: boolean }>;
  getConceptMap(args: { idOrUrl: string }): Promise<FhirResourceJson>;
  getCodeSystem(args: { url: string }): Promise<FhirResourceJson>;

  runPreview(args: { document: BundleDocument; input: string; trace?: boolean; validate?: boolean }): Promise<PreviewOutcome>;

  listIgMessages(): Promise<IgMessageInfo[]>;
  newMappingFromIg(args: { message: string; version?: string; defaultTimezone?: string }): Promise<NewMappingFromIg>;

  listSamples(args: { mappingKey: string }): Promise<SampleMessage[]>;
  saveSamples(args: { mappingKey: string; samples: SampleMessage[] }): Promise<Record<string, never>>;
  getUiState(args: { key: string }): Promise<{ value: JsonValue | null }>;
  setUiState(args: { key: string; value: JsonValue }): Promise<Record<string, never>>;

  computeCoverage(args: { document: BundleDocument; samples: CoverageSample[] }): Promise<MappingCoverageResult>;
  listMappingRows(args: { document: BundleDocument }): Promise<{ maps: MapRowsResult[]; csv: string }>;
  exportDocumentation(args: { document: BundleDocument; format: DocumentFormat; samples?: CoverageSample[] }): Promise<{ fileName: string; text: string }>;
}

/**
 * What a host sends back for one call. Errors travel as data because neither Electron's IPC nor
 * contextBridge keeps an error's class or fields.
 */
export type StudioEnvelope<T = unknown> = { ok: true; value: T } | { ok: false; error: CrosswalkErrorData };

/**
 * The single object the Electron preload exposes as `window.crosswalk`: one function per method
 * of the table (arguments as JSON text, resolving to the envelope as JSON text, both written by
 * writeJson so decimals cross IPC and contextBridge as written) plus a subscription to menu commands.
 */
export type StudioBridge = { [K in StudioMethodName]: (argsJson: string) => Promise<string> } & {
  onHostCommand(listener: (command: HostCommand) => void): () => void;
};

/** The renderer's view: the API plus menu commands (a no-op subscription on the web host). */
export interface StudioClient extends StudioApi {
  onHostCommand(listener: (command: HostCommand) => void): () => void;
}

// Compile-time proof that the interface and the table agree, method by method, both ways: a
// mismatch names the method in the type error below.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ArgsOf<F> = F extends (...args: infer P) => unknown ? (P extends [] ? Record<string, never> : Exclude<P[0], undefined>) : never;
type Mismatched = {
  [K in StudioMethodName]: [Same<Awaited<ReturnType<StudioApi[K]>>, StudioResult<K>>, Same<ArgsOf<StudioApi[K]>, StudioArgs<K>>] extends [true, true] ? never : K;
}[StudioMethodName] | Exclude<keyof StudioApi, StudioMethodName>;
export const _studioApiMatchesTable: [Mismatched] extends [never] ? true : Mismatched = true;
