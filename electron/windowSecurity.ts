import { appOrigin } from './appProtocol';

/** Where the shell runs: `packaged` is Electron's app.isPackaged (an installed build, not `npm start`). */
export interface ShellMode {
  packaged: boolean;
}

/**
 * The main window's webPreferences: the page gets no Node, runs sandboxed and isolated from the
 * preload. An installed build opens no DevTools at all (they would let anyone at the keyboard run
 * code with the page's API, files included); a development run keeps them.
 */
export function secureWebPreferences(preloadPath: string, mode: ShellMode) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !mode.packaged,
  } as const;
}

/** Navigation stays on the app page; anything else (a dropped file, a link) is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === appOrigin;
  } catch {
    return false;
  }
}

/** The parts of Electron's WebContents and Session the policies attach to. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url?: string }, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Blocks every way out of the app page: navigation and redirects elsewhere, new windows,
 * webviews; and denies every permission request (camera, notifications, geolocation...), since
 * the studio needs none.
 */
export function guardContents(contents: GuardedContents, session: GuardedSession): void {
  const refuse = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isAllowedNavigation(url ?? event.url ?? '')) event.preventDefault();
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
