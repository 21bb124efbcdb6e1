// The Studio API's Node services: what Electron's main process and the web host open.
export { openDefaultNodeStudio, type DefaultNodeStudioOptions } from './openDefaultNodeStudio';
export { openNodeStudio, type NodeStudio, type NodeStudioOptions } from './openNodeStudio';
export { createStudioService, type StudioServiceDeps, type StudioCatalog, type ExampleLibrary, type HostHooks } from './StudioService';
export { WorkspaceStore, recentFileLimit, uiStateLimit } from './workspace/WorkspaceStore';
export { BundleFiles } from './files/BundleFiles';
export { BundlePathAllowList } from './BundlePathAllowList';
export { guardBundlePaths } from './guardBundlePaths';
export { engineBundleCodec } from './files/engineBundleCodec';
export type { BundleCodec } from './files/bundleCodec';
export { writeFileAtomic } from './files/writeFileAtomic';
export { readTextFile } from './files/readTextFile';
export { userDataDir } from './userDataDir';
