import { CrosswalkError } from '../../common/errors/CrosswalkError';
import { sourceSchemaTree } from '../../common/mapping/input/sourceSchema';
import type {
  AppInfo, BundleDocument, Concept, Example, ExampleSummary, FhirResourceJson, FunctionInfo, IgMessageInfo, NewMappingFromIg, SchemaStandardInfo, SchemaStructure,
  PreviewOutcome, ReviewStudioApi, SchemaSearchHit, SchemaTreeNode, SearchParameterInfo, StudioApi, TerminologyKind, TerminologySummary,
} from '../../common/studio';

type SchemaRef = { standard: 'hl7v2' | 'fhir-r4'; version: string; structure: string };
import type { AuthoringTools } from './engine/authoringTools';
import type { BundleFiles } from './files/BundleFiles';
import type { WorkspaceStore } from './workspace/WorkspaceStore';

/** The schema catalog as the studio needs it (adapted from shared/node/schema). */
export interface StudioCatalog {
  listStandards(): Promise<SchemaStandardInfo[]>;
  listStructures(standard: 'hl7v2' | 'fhir-r4', version: string): Promise<SchemaStructure[]>;
  /** The root node (no path) or the children of the node with id `path`, loaded `depth` levels deep. */
  loadTree(ref: SchemaRef, path: string | undefined, depth: number, hideBoilerplate: boolean): Promise<SchemaTreeNode[]>;
  search(ref: SchemaRef, query: string, limit: number): Promise<SchemaSearchHit[]>;
  /** A FHIR resource's search parameters, each marked with whether a conditional request can use it. */
  listSearchParameters(resource: string): Promise<SearchParameterInfo[]>;
  listTerminology(kind: TerminologyKind, query: string, limit: number): Promise<TerminologySummary[]>;
  expandValueSet(url: string): Promise<{ concepts: Concept[]; complete: boolean }>;
  getConceptMap(idOrUrl: string): Promise<FhirResourceJson>;
  getCodeSystem(url: string): Promise<FhirResourceJson>;
}

export interface ExampleLibrary {
  list(): Promise<ExampleSummary[]>;
  /** The default example when id is undefined. */
  get(id: string | undefined): Promise<Example>;
}

/** Starting a mapping from the HL7 v2-to-FHIR IG (engine/igService.ts). */
export interface IgService {
  list(): Promise<IgMessageInfo[]>;
  create(args: { message: string; version?: string; defaultTimezone?: string }): Promise<NewMappingFromIg>;
}

/** What only the shell can do: native dialogs and the window's title and close prompt. */
export interface HostHooks {
  chooseOpenPath?(title: string | undefined): Promise<string | null>;
  chooseSavePath?(title: string | undefined, defaultName: string | undefined): Promise<string | null>;
  setDocumentState?(title: string, dirty: boolean): void;
}

export interface StudioServiceDeps {
  info: Omit<AppInfo, 'nativeDialogs'>;
  workspace: WorkspaceStore;
  files: BundleFiles;
  catalog: StudioCatalog;
  examples: ExampleLibrary;
  functions: () => FunctionInfo[];
  preview: (request: { document: BundleDocument; input: string; trace?: boolean; validate?: boolean }) => Promise<PreviewOutcome>;
  authoring: AuthoringTools;
  ig: IgService;
  /** Value-map review (review/reviewService.ts). */
  review: ReviewStudioApi;
  hooks?: HostHooks;
}

/**
 * The Studio API implemented in Node, shared by the Electron main process and the web host.
 * Arguments arrive already validated against the method table (dispatchStudioCall).
 */
export function createStudioService(deps: StudioServiceDeps): StudioApi {
  const { workspace, files, catalog, examples, hooks = {} } = deps;
  const noDialog = () => new CrosswalkError('CW_STUDIO_NO_DIALOG', 'This host has no native file dialog; choose the file in the page instead.');
  return {
    getAppInfo: async () => ({ ...deps.info, nativeDialogs: Boolean(hooks.chooseOpenPath && hooks.chooseSavePath) }),

    listExamples: () => examples.list(),
    getExample: (args = {}) => examples.get(args.id),

    openBundle: async ({ path }) => {
      const opened = await files.open(path);
      workspace.touchRecentFile(path, opened.name);
      return opened;
    },
    openBundleText: async ({ name, text }) => files.openText(name, text),
    saveBundle: async ({ path, bundle }) => {
      const saved = files.save(path, bundle);
      workspace.touchRecentFile(path, path.split(/[\\/]/).pop() ?? path);
      return saved;
    },
    serializeBundle: async ({ bundle }) => files.serialize(bundle),

    chooseOpenPath: async (args = {}) => {
      if (!hooks.chooseOpenPath) throw noDialog();
      return { path: await hooks.chooseOpenPath(args.title) };
    },
    chooseSavePath: async (args = {}) => {
      if (!hooks.chooseSavePath) throw noDialog();
      return { path: await hooks.chooseSavePath(args.title, args.defaultName) };
    },
    setDocumentState: async ({ title, dirty }) => {
      hooks.setDocumentState?.(title, dirty);
      return {};
    },

    listRecentFiles: async () => workspace.listRecentFiles(),
    clearRecentFiles: async () => {
      workspace.clearRecentFiles();
      return {};
    },

    listSchemaStandards: () => catalog.listStandards(),
    listSchemaStructures: ({ standard, version }) => catalog.listStructures(standard, version),
    loadSchemaTree: async ({ standard, version, structure, path, depth, hideBoilerplate }) => ({
      nodes: await catalog.loadTree({ standard, version, structure }, path, depth ?? 1, hideBoilerplate ?? false),
    }),
    loadSourceSchemaTree: async ({ schema }) => {
      const root = sourceSchemaTree(schema);
      return { nodes: root ? [root] : [] };
    },
    searchSchema: ({ standard, version, structure, query, limit }) => catalog.search({ standard, version, structure }, query, limit ?? 100),

    listSearchParameters: ({ resource }) => catalog.listSearchParameters(resource),

    listFunctions: async () => deps.functions(),

    listTerminology: ({ kind, query, limit }) => catalog.listTerminology(kind, query ?? '', limit ?? 200),
    expandValueSet: async ({ url }) => ({ url, ...(await catalog.expandValueSet(url)) }),
    getConceptMap: ({ idOrUrl }) => catalog.getConceptMap(idOrUrl),
    getCodeSystem: ({ url }) => catalog.getCodeSystem(url),

    runPreview: (args) => deps.preview(args),

    listIgMessages: () => deps.ig.list(),
    newMappingFromIg: (args) => deps.ig.create(args),

    listSamples: async ({ mappingKey }) => workspace.listSamples(mappingKey),
    saveSamples: async ({ mappingKey, samples }) => {
      workspace.saveSamples(mappingKey, samples);
      return {};
    },
    getUiState: async ({ key }) => ({ value: workspace.getUiState(key) }),
    setUiState: async ({ key, value }) => {
      workspace.setUiState(key, value);
      return {};
    },

    computeCoverage: ({ document, samples }) => deps.authoring.coverage(document, samples),
    listMappingRows: async ({ document }) => deps.authoring.rows(document),
    exportDocumentation: ({ document, format, samples }) => deps.authoring.documentation(document, format, samples ?? []),
    ...deps.review,
  };
}
