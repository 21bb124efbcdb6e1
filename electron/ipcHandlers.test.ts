import { describe, expect, it } from 'vitest';
import { Decimal } from '../shared/common/json/Decimal';
import { createStudioClient, studioMethodNames, type HostCommand } from '../shared/common/studio';
import { adtTestSpec } from '../shared/node/fixtures/adtTestSpec';
import { openDefaultNodeStudio } from '../shared/node/studio/openDefaultNodeStudio';
import { appEntryUrl } from './appProtocol';
import { hostCommandChannel } from './ipcChannels';
import { createIpcHandlers, isTrustedSender, type IpcSender } from './ipcHandlers';
import { createPreloadBridge, type RendererIpc } from './preloadBridge';

const appFrame: IpcSender = { senderFrame: { url: appEntryUrl, parent: null } };

function studio() {
  return openDefaultNodeStudio({ host: 'electron', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp', workspaceFile: ':memory:' });
}

/** ipcMain + ipcRenderer in one object: invoke() runs the registered handler as Electron would. */
function fakeIpc(handlers: Map<string, (e: IpcSender, p: unknown) => Promise<string>>, sender: IpcSender) {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipc: RendererIpc & { emit(channel: string, payload: unknown): void } = {
    // Structured clone is what Electron applies to IPC payloads both ways.
    invoke: async (channel, payload) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler(sender, structuredClone(payload)));
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    emit: (channel, payload) => listeners.get(channel)?.forEach((l) => l({ sender: 'main' }, payload)),
  };
  return ipc;
}

describe('IPC handlers', () => {
  it('registers exactly one prefixed channel per API method', () => {
    const s = studio();
    expect([...createIpcHandlers(s.api).keys()]).toEqual(studioMethodNames.map((m) => `crosswalk:${m}`));
    s.close();
  });

  it('serve the app page end to end through the preload bridge', async () => {
    const s = studio();
    const ipc = fakeIpc(createIpcHandlers(s.api), appFrame);
    const client = createStudioClient((method, args) => createPreloadBridge(ipc)[method](args));
    await client.setUiState({ key: 'zoom', value: 1.5 });
    expect(await client.getUiState({ key: 'zoom' })).toEqual({ value: 1.5 });
    // A test case's expected output crosses IPC as JSON text, so 12.50 stays 12.50 (a structured clone of a Decimal would not).
    const bundle = { metadata: { name: 'CBC', version: '1.0.0' }, mapping: adtTestSpec(), tests: [{ name: 'CBC', input: 'MSH|^~\\&|', expected: { value: new Decimal('12.50') } }] };
    expect((await client.serializeBundle({ bundle })).text).toContain('"value": 12.50');
    expect(await client.getAppInfo()).toEqual({ version: '0.1.0', host: 'electron', nativeDialogs: false, dataDir: '/tmp' });
    await expect(client.openBundle({ path: '/definitely/not/here.json' })).rejects.toMatchObject({
      code: 'CW_FILE_NOT_CHOSEN', message: 'The studio opens only a file chosen in the Open dialog or listed in the recent files.', where: { file: '/definitely/not/here.json' },
    });
    s.close();
  });

  it('validate payloads that bypass the client', async () => {
    const s = studio();
    const handler = createIpcHandlers(s.api).get('crosswalk:saveBundle')!;
    expect(JSON.parse(await handler(appFrame, JSON.stringify({ path: '/tmp/x.json', bundle: 'not an object' })))).toEqual({
      ok: false, error: { code: 'CW_STUDIO_BAD_ARGS', message: 'saveBundle: bundle: Invalid input: expected record, received string.', where: { path: 'saveBundle' } },
    });
    expect(JSON.parse(await handler(appFrame, undefined)).ok).toBe(false);
    expect(JSON.parse(await handler(appFrame, { path: '/tmp/x.json' })).error.code).toBe('CW_STUDIO_BAD_JSON');
    s.close();
  });

  it.each([
    ['an iframe', { senderFrame: { url: appEntryUrl, parent: {} } }],
    ['another page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file URL', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a look-alike host', { senderFrame: { url: 'crosswalk://app.evil/index.html', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuse calls from %s', async (_name, sender) => {
    expect(isTrustedSender(sender as IpcSender)).toBe(false);
    const s = studio();
    const envelope = JSON.parse(await createIpcHandlers(s.api).get('crosswalk:listRecentFiles')!(sender as IpcSender, '{}'));
    expect(envelope).toEqual({ ok: false, error: { code: 'CW_STUDIO_UNTRUSTED_SENDER', message: 'The request did not come from the Crosswalk studio page.', where: { path: 'listRecentFiles' } } });
    s.close();
  });
});

describe('preload bridge', () => {
  it('exposes only the API methods and onHostCommand, all functions', () => {
    const bridge = createPreloadBridge(fakeIpc(new Map(), appFrame));
    expect(Object.keys(bridge).sort()).toEqual([...studioMethodNames, 'onHostCommand'].sort());
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('forwards valid menu commands only, without the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc(new Map(), appFrame);
    const seen: HostCommand[] = [];
    const off = createPreloadBridge(ipc).onHostCommand((c) => seen.push(c));
    ipc.emit(hostCommandChannel, { command: 'save' });
    ipc.emit(hostCommandChannel, { command: 'openRecent', path: '/m/a.json' });
    ipc.emit(hostCommandChannel, { command: 'rm -rf' });
    ipc.emit(hostCommandChannel, 'undo');
    off();
    ipc.emit(hostCommandChannel, { command: 'undo' });
    expect(seen).toEqual([{ command: 'save' }, { command: 'openRecent', path: '/m/a.json' }]);
  });
});
