import { join } from 'node:path';
import { nodeSchemaCatalog } from '../schema';
import { engineBundleCodec } from './files/engineBundleCodec';
import { folderExampleLibrary } from './engine/folderExampleLibrary';
import { functionInfos } from './engine/functionInfos';
import { previewRunner } from './engine/previewRunner';
import { schemaCatalogAdapter } from './engine/schemaCatalogAdapter';
import type { HostHooks } from './StudioService';
import { openNodeStudio, type NodeStudio } from './openNodeStudio';

export interface DefaultNodeStudioOptions {
  host: 'electron' | 'web';
  version: string;
  dataDir: string;
  /** The app's root folder: generated/schemas and examples/ are read from here. */
  appRoot: string;
  hooks?: HostHooks;
  workspaceFile?: string;
}

/** The Studio API wired to the real engine: bundle files, schema catalog, function library, shipped examples. */
export function openDefaultNodeStudio(options: DefaultNodeStudioOptions): NodeStudio {
  const schemas = nodeSchemaCatalog(join(options.appRoot, 'generated', 'schemas'));
  return openNodeStudio({
    ...options,
    codec: engineBundleCodec,
    catalog: schemaCatalogAdapter(schemas),
    preview: previewRunner(schemas),
    schemas,
    examples: folderExampleLibrary(join(options.appRoot, 'examples'), engineBundleCodec),
    functions: functionInfos,
  });
}
