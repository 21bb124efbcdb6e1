// Sandboxed preload (bundled to dist/electron/preload.cjs): exposes `window.crosswalk` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preloadBridge';

contextBridge.exposeInMainWorld('crosswalk', createPreloadBridge(ipcRenderer));
