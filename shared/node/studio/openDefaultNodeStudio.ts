import { join } from 'node:path';
import { nodeSchemaCatalog } from '../schema';
import { engineBundleCodec } from './files/engineBundleCodec';
import { authoringTools } from './engine/authoringTools';
import { folderExampleLibrary } from './engine/folderExampleLibrary';
import { functionInfos } from './engine/functionInfos';
import { igService } from './engine/igService';
import { previewRunner } from './engine/previewRunner';
import { schemaCatalogAdapter } from './engine/schemaCatalogAdapter';
import type { HostHooks } from './StudioService';
import { openNodeStudio, type NodeStudio } from './openNodeStudio';

export interface DefaultNodeStudioOptions {
  host: 'electron' | 'web';
  version: string;
  dataDir: string;
  /** The app's root folder: generated/schemas, generated/ig and examples/ are read from here. */
  appRoot: string;
  hooks?: HostHooks;
  workspaceFile?: string;
}

/** The Studio API wired to the real engine: bundle files, schema catalog, function library, shipped examples, the IG tables. */
export function openDefaultNodeStudio(options: DefaultNodeStudioOptions): NodeStudio {
  const schemas = nodeSchemaCatalog(join(options.appRoot, 'generated', 'schemas'));
  return openNodeStudio({
    ...options,
    codec: engineBundleCodec,
    catalog: schemaCatalogAdapter(schemas),
    preview: previewRunner(schemas),
    authoring: authoringTools(schemas, engineBundleCodec),
    schemas,
    examples: folderExampleLibrary(join(options.appRoot, 'examples'), engineBundleCodec),
    functions: functionInfos,
    ig: igService(schemas, join(options.appRoot, 'generated', 'ig', 'v2-to-fhir-ig.json')),
  });
}
