// Electron main process (bundled to dist/electron/main.js). Thin on purpose: the window, its
// security policy, menus and dialogs; everything the page asks for goes through the Studio API
// services shared with the web host (shared/node/studio).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, type MenuItemConstructorOptions } from 'electron';
import { contentSecurityPolicy, type HostCommand, type StudioEnvelope } from '../shared/common/studio';
import { openDefaultNodeStudio } from '../shared/node/studio/openDefaultNodeStudio';
import type { NodeStudio } from '../shared/node/studio/openNodeStudio';
import { contentTypeOf } from '../shared/node/studio/rendererAssets';
import { appEntryUrl, appScheme, resolveAppAsset } from './appProtocol';
import { hostCommandChannel } from './ipcChannels';
import { createIpcHandlers } from './ipcHandlers';
import { menuTemplate } from './menuTemplate';
import { guardContents, secureWebPreferences } from './windowSecurity';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..', '..');
const rendererDir = join(appRoot, 'dist', 'renderer');
const bundleFilters = [{ name: 'Crosswalk mapping bundle', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }];

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | undefined;
let dirty = false;
/** An installed build gets no DevTools, neither in the menu nor in the window. */
const shellMode = { packaged: app.isPackaged };

app.on('web-contents-created', (_event, contents) => guardContents(contents, contents.session));

void app.whenReady().then(() => {
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return new Response('Not found', { status: 404 });
    return new Response(body, {
      headers: { 'content-type': contentTypeOf(file), 'content-security-policy': contentSecurityPolicy, 'x-content-type-options': 'nosniff' },
    });
  });

  let studio: NodeStudio;
  try {
    studio = openStudio();
  } catch (error) {
    // Most often better-sqlite3 built for Node's ABI instead of Electron's (see electron/README.md).
    dialog.showErrorBox('Crosswalk could not start', `${String(error)}\n\nIf this mentions NODE_MODULE_VERSION, run \`npx electron-builder install-app-deps\` once.`);
    app.quit();
    return;
  }
  function openStudio(): NodeStudio {
    return openDefaultNodeStudio({
      host: 'electron',
      version: app.getVersion(),
      appRoot,
      dataDir: app.getPath('userData'),
      hooks: {
        chooseOpenPath: async (title) => {
          const result = await dialog.showOpenDialog(window!, { title: title ?? 'Open mapping bundle', filters: bundleFilters, properties: ['openFile'] });
          return result.canceled ? null : result.filePaths[0] ?? null;
        },
        chooseSavePath: async (title, defaultName) => {
          const result = await dialog.showSaveDialog(window!, { title: title ?? 'Save mapping bundle', defaultPath: defaultName, filters: bundleFilters });
          return result.canceled ? null : result.filePath ?? null;
        },
        setDocumentState: (title, isDirty) => {
          dirty = isDirty;
          window?.setTitle(`${isDirty ? '• ' : ''}${title} — Crosswalk`);
          window?.setDocumentEdited(isDirty);
        },
      },
    });
  }

  const send = (command: HostCommand) => window?.webContents.send(hostCommandChannel, command);
  const refreshMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(
    menuTemplate(send, studio.workspace.listRecentFiles(), process.platform, shellMode) as MenuItemConstructorOptions[],
  ));
  for (const [channel, handler] of createIpcHandlers(studio.api)) {
    ipcMain.handle(channel, async (event, payload) => {
      const answer = await handler(event, payload);
      if (/:(openBundle|saveBundle|clearRecentFiles)$/.test(channel)) {
        refreshMenu();
        const envelope = JSON.parse(answer) as StudioEnvelope;
        // The OS's own recent documents (dock, jump list) too, once the file really opened or saved.
        const path = envelope.ok ? (envelope.value as { path?: unknown }).path : undefined;
        if (typeof path === 'string') app.addRecentDocument(path);
        else if (envelope.ok && channel.endsWith(':clearRecentFiles')) app.clearRecentDocuments();
      }
      return answer;
    });
  }
  refreshMenu();

  window = new BrowserWindow({
    width: 1440, height: 900, minWidth: 900, minHeight: 600, show: false, title: 'Crosswalk',
    webPreferences: secureWebPreferences(join(here, 'preload.cjs'), shellMode),
  });
  window.once('ready-to-show', () => window?.show());
  window.on('close', (event) => {
    if (!dirty || !window) return;
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning', buttons: ['Discard Changes', 'Cancel'], defaultId: 1, cancelId: 1,
      message: 'The mapping has unsaved changes.', detail: 'Closing the window discards them.',
    });
    if (choice === 1) event.preventDefault();
  });
  void window.loadURL(appEntryUrl);

  app.on('second-instance', () => window?.focus());
  app.on('window-all-closed', () => {
    studio.close();
    app.quit();
  });
});
