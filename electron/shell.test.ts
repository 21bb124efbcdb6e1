import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostCommand } from '../shared/common/studio';
import { appEntryUrl, resolveAppAsset } from './appProtocol';
import { menuTemplate, type MenuItemSpec } from './menuTemplate';
import { guardContents, isAllowedNavigation, secureWebPreferences, type GuardedContents, type GuardedSession } from './windowSecurity';

describe('window security', () => {
  it('turns on isolation and the sandbox and keeps Node out of the page', () => {
    expect(secureWebPreferences('/app/preload.cjs', { packaged: true })).toEqual({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, allowRunningInsecureContent: false, webviewTag: false,
      navigateOnDragDrop: false, spellcheck: false, devTools: false,
    });
  });

  it('allows DevTools only in an unpackaged (development) run', () => {
    expect(secureWebPreferences('/app/preload.cjs', { packaged: true }).devTools).toBe(false);
    expect(secureWebPreferences('/app/preload.cjs', { packaged: false }).devTools).toBe(true);
  });

  it.each([
    [appEntryUrl, true], ['crosswalk://app/assets/x.js', true],
    ['https://example.org/', false], ['file:///etc/passwd', false], ['crosswalk://other/index.html', false], ['javascript:alert(1)', false], ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('prevents navigation away, denies window.open, webviews and every permission', () => {
    const listeners: Record<string, (event: { preventDefault(): void; url?: string }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    let permission: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    const contents = { on: (name: string, l: never) => { listeners[name] = l; }, setWindowOpenHandler: (h: never) => { openHandler = h; } } as unknown as GuardedContents;
    const session: GuardedSession = { setPermissionRequestHandler: (h) => { permission = h; }, setPermissionCheckHandler: (h) => { check = h; } };
    guardContents(contents, session);

    const navigate = (event: string, url: string) => {
      let prevented = false;
      listeners[event]({ preventDefault: () => { prevented = true; } }, url);
      return prevented;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(navigate('will-frame-navigate', 'file:///tmp/dropped.html')).toBe(true);
    expect(navigate('will-navigate', appEntryUrl)).toBe(false);
    expect(navigate('will-attach-webview', '')).toBe(true);
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read']) permission!({}, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!({}, 'media')).toBe(false);
  });
});

describe('app protocol', () => {
  const root = resolve('/srv/crosswalk/dist/renderer');
  it.each([
    ['crosswalk://app/index.html', join(root, 'index.html')],
    ['crosswalk://app/', join(root, 'index.html')],
    ['crosswalk://app/assets/main-abc.js', join(root, 'assets', 'main-abc.js')],
    ['crosswalk://app/assets/a%20b.js', join(root, 'assets', 'a b.js')],
    // The URL parser itself folds '..' and '%2e%2e' away, so these stay inside the folder.
    ['crosswalk://app/../../etc/passwd', join(root, 'etc', 'passwd')],
    ['crosswalk://app/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc', 'passwd')],
  ])('maps %s inside the renderer folder', (url, file) => {
    expect(resolveAppAsset(root, url)).toBe(file);
  });
  it.each([['crosswalk://app/assets/..%2f..%2f..%2fsecret'], ['crosswalk://other/index.html'], ['file:///etc/passwd'], ['crosswalk://app/%00']])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeUndefined();
  });
});

describe('menu', () => {
  const flatten = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
  const sent: HostCommand[] = [];
  const template = menuTemplate((c) => sent.push(c), [{ path: '/m/adt.crosswalk.json', name: 'adt.crosswalk.json', openedAt: '2026-01-01T00:00:00.000Z' }], 'linux', { packaged: true });
  const items = flatten(template);
  const byLabel = (label: string) => items.find((i) => i.label === label)!;

  it('has File, Edit, View and Help menus', () => {
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(menuTemplate(() => undefined, [], 'darwin', { packaged: true })[0]).toEqual({ role: 'appMenu' });
  });

  it.each([
    ['New Mapping', 'CmdOrCtrl+N', 'new'], ['Open…', 'CmdOrCtrl+O', 'open'], ['Save', 'CmdOrCtrl+S', 'save'],
    ['Save As…', 'CmdOrCtrl+Shift+S', 'saveAs'], ['Export Bundle…', 'CmdOrCtrl+E', 'export'], ['Undo', 'CmdOrCtrl+Z', 'undo'],
    ['Redo', 'CmdOrCtrl+Shift+Z', 'redo'], ['Fit View', 'Shift+1', 'fitView'], ['Zoom In', 'CmdOrCtrl+=', 'zoomIn'], ['Zoom Out', 'CmdOrCtrl+-', 'zoomOut'],
  ])('%s shows %s and sends %s to the renderer', (label, accelerator, command) => {
    const item = byLabel(label);
    expect(item.accelerator).toBe(accelerator);
    expect(item.registerAccelerator).toBe(false);
    sent.length = 0;
    item.click!();
    expect(sent).toEqual([{ command }]);
  });

  it('uses native roles for clipboard editing and lists recent files', () => {
    expect(items.filter((i) => i.role && ['cut', 'copy', 'paste'].includes(i.role)).map((i) => [i.role, i.accelerator])).toEqual([
      ['cut', 'CmdOrCtrl+X'], ['copy', 'CmdOrCtrl+C'], ['paste', 'CmdOrCtrl+V'],
    ]);
    sent.length = 0;
    byLabel('adt.crosswalk.json').click!();
    expect(sent).toEqual([{ command: 'openRecent', path: '/m/adt.crosswalk.json' }]);
    expect(flatten(menuTemplate(() => undefined, [], 'linux', { packaged: true })).find((i) => i.label === 'No recent files')?.enabled).toBe(false);
  });

  it.each([['linux'], ['darwin'], ['win32']] as const)('offers DevTools on %s only when not packaged', (platform) => {
    const view = (packaged: boolean) => menuTemplate(() => undefined, [], platform, { packaged }).find((m) => m.label === '&View')!.submenu!;
    const devTools = (packaged: boolean) => flatten(menuTemplate(() => undefined, [], platform, { packaged })).filter((i) => i.role === 'toggleDevTools');
    expect(devTools(true)).toEqual([]);
    expect(view(true).map((i) => i.label ?? i.role ?? i.type)).toEqual(['Fit View', 'Zoom In', 'Zoom Out', 'Actual Size', 'separator', 'togglefullscreen']);
    expect(devTools(false)).toEqual([{ role: 'toggleDevTools', accelerator: platform === 'darwin' ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }]);
    expect(view(false).map((i) => i.label ?? i.role ?? i.type)).toEqual(['Fit View', 'Zoom In', 'Zoom Out', 'Actual Size', 'separator', 'togglefullscreen', 'toggleDevTools']);
  });
});
