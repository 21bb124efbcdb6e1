import { join } from 'node:path';
import type { StudioApi } from '../../common/studio';
import type { BundleCodec } from './files/bundleCodec';
import { BundleFiles } from './files/BundleFiles';
import { BundlePathAllowList } from './BundlePathAllowList';
import { guardBundlePaths } from './guardBundlePaths';
import { createStudioService, type ExampleLibrary, type HostHooks, type IgService, type StudioCatalog, type StudioServiceDeps } from './StudioService';
import type { FunctionInfo } from '../../common/studio';
import type { SchemaCatalog } from '../../common/schema/SchemaCatalog';
import { createReviewService } from './review/reviewService';
import { WorkspaceStore } from './workspace/WorkspaceStore';

export interface NodeStudioOptions {
  host: 'electron' | 'web';
  version: string;
  /** The folder for workspace.sqlite (userDataDir() or Electron's userData). */
  dataDir: string;
  codec: BundleCodec;
  catalog: StudioCatalog;
  examples: ExampleLibrary;
  functions: () => FunctionInfo[];
  preview: StudioServiceDeps['preview'];
  authoring: StudioServiceDeps['authoring'];
  ig: IgService;
  /** The engine's schema catalog: value-map review coverage reads v2 tables and FHIR bindings from it. */
  schemas: SchemaCatalog;
  hooks?: HostHooks;
  /** `:memory:` in tests; defaults to <dataDir>/workspace.sqlite. */
  workspaceFile?: string;
}

export interface NodeStudio {
  api: StudioApi;
  workspace: WorkspaceStore;
  close(): void;
}

/**
 * Opens the workspace and assembles the Studio API services for a Node host. Every host gets the
 * same file allow-list: the page opens and saves by path only what the user chose in a dialog this
 * session, a recent file, or (for Save) the file the document came from (BundlePathAllowList).
 */
export function openNodeStudio(options: NodeStudioOptions): NodeStudio {
  const workspace = WorkspaceStore.open(options.workspaceFile ?? join(options.dataDir, 'workspace.sqlite'));
  const chosen = new BundlePathAllowList(() => workspace.listRecentFiles().map((file) => file.path));
  const api = guardBundlePaths(createStudioService({
    info: { version: options.version, host: options.host, dataDir: options.dataDir },
    workspace,
    files: new BundleFiles(options.codec),
    catalog: options.catalog,
    examples: options.examples,
    functions: options.functions,
    preview: options.preview,
    authoring: options.authoring,
    ig: options.ig,
    review: createReviewService({ workspace, codec: options.codec, catalog: options.schemas }),
    hooks: options.hooks,
  }), chosen);
  return { api, workspace, close: () => workspace.close() };
}
