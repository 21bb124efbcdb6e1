import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDefaultNodeStudio } from '../../shared/node/studio/openDefaultNodeStudio';
import { createWebHost, type WebHost } from '../../webhost/createWebHost';
import type { StudioBridge } from '../../shared/common/studio';

// getStudioApi against the real web host over real sockets. The test plays the browser: a
// `window` with the page's URL and sessionStorage, and fetch resolving page-relative URLs.
const token = 'renderer-client-token-0123456789';
let host: WebHost;
let close: () => void;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp/crosswalk-client', workspaceFile: ':memory:' });
  close = studio.close;
  host = await createWebHost({ api: studio.api, rendererDir: '/nonexistent', token, port: 0 });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await host.close();
  close();
});

/** A tab at `/<search><hash>`; `addresses` records what the page rewrote its address to. */
function browser(hash: string, stored: Record<string, string> = {}, bridge?: StudioBridge, search = '') {
  const storage = new Map(Object.entries(stored));
  const addresses: string[] = [];
  const location = { pathname: '/', search, hash };
  vi.stubGlobal('window', {
    location,
    history: { state: null, replaceState: (_state: unknown, _title: string, url: string) => { addresses.push(url); location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : ''; } },
    crosswalk: bridge,
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
  });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => realFetch(new URL(url, `http://127.0.0.1:${host.port}`), init));
  return { storage, addresses };
}

async function freshClient() {
  vi.resetModules();
  return (await import('./getStudioApi')).getStudioApi();
}

describe('getStudioApi in a browser', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('takes the token from the #token= fragment, keeps it for the tab and takes it out of the address', async () => {
    const { storage, addresses } = browser(`#token=${token}`, {}, undefined, '?sample=2');
    const api = await freshClient();
    expect(addresses).toEqual(['/?sample=2']);
    expect(await api.getAppInfo()).toEqual({ version: '0.1.0', host: 'web', nativeDialogs: false, dataDir: '/tmp/crosswalk-client' });
    expect(storage.get('crosswalk.token')).toBe(token);
  });

  it('keeps the rest of the fragment and prefers a new launch token over a kept one', async () => {
    const { storage, addresses } = browser(`#view=canvas&token=${token}`, { 'crosswalk.token': 'an-older-launch-token-000000' });
    await (await freshClient()).getAppInfo();
    expect(addresses).toEqual(['/#view=canvas']);
    expect(storage.get('crosswalk.token')).toBe(token);
  });

  it('never takes the token from the query string (the host would refuse it as a credential anyway)', async () => {
    const { addresses } = browser('', {}, undefined, `?token=${token}`);
    await expect((await freshClient()).getAppInfo()).rejects.toMatchObject({ code: 'CW_STUDIO_TOKEN' });
    expect(addresses).toEqual([]);
  });

  it('uses the kept token after the URL lost it', async () => {
    browser('', { 'crosswalk.token': token });
    const api = await freshClient();
    await api.setUiState({ key: 'k', value: [1, 'two'] });
    expect(await api.getUiState({ key: 'k' })).toEqual({ value: [1, 'two'] });
  });

  it('reports a missing token and host errors as CrosswalkErrors', async () => {
    browser('');
    const anonymous = await freshClient();
    await expect(anonymous.listRecentFiles()).rejects.toMatchObject({
      code: 'CW_STUDIO_TOKEN', message: 'Open the address the Crosswalk studio printed when it started; it carries the launch token.',
    });
    browser(`#token=${token}`);
    const api = await freshClient();
    await expect(api.openBundle({ path: '/no/such/file.json' })).rejects.toMatchObject({ code: 'CW_FILE_NOT_CHOSEN', where: { file: '/no/such/file.json' } });
  });

  it('says the host is unreachable when it is gone', async () => {
    browser(`#token=${token}`);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
    const api = await freshClient();
    await expect(api.getAppInfo()).rejects.toMatchObject({
      code: 'CW_STUDIO_UNREACHABLE', message: 'The Crosswalk web host is not reachable; start it again with `npm run web`.',
    });
  });
});

describe('getStudioApi in Electron', () => {
  it('goes through window.crosswalk and forwards menu commands', async () => {
    const calls: [string, unknown][] = [];
    const listeners: ((c: { command: 'save' }) => void)[] = [];
    const bridge = new Proxy({} as StudioBridge, {
      get: (_t, name: string) => name === 'onHostCommand'
        ? (l: (c: { command: 'save' }) => void) => { listeners.push(l); return () => undefined; }
        : async (args: string): Promise<string> => { calls.push([name, JSON.parse(args)]); return '{"ok":true,"value":{"path":null}}'; },
    });
    browser('', {}, bridge);
    const api = await freshClient();
    expect(await api.chooseOpenPath({ title: 'Open' })).toEqual({ path: null });
    expect(calls).toEqual([['chooseOpenPath', { title: 'Open' }]]);
    const seen: unknown[] = [];
    api.onHostCommand((c) => seen.push(c));
    listeners[0]({ command: 'save' });
    expect(seen).toEqual([{ command: 'save' }]);
  });
});
