import type { HostCommand, RecentFile } from '../shared/common/studio';
import type { ShellMode } from './windowSecurity';

/** A menu item as plain data (the shape of Electron's MenuItemConstructorOptions that we use). */
export interface MenuItemSpec {
  label?: string;
  role?: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'quit' | 'about' | 'toggleDevTools' | 'togglefullscreen' | 'close' | 'minimize' | 'appMenu' | 'windowMenu' | 'help';
  accelerator?: string;
  /** false: the accelerator is shown but the renderer handles the key itself (see menuTemplate). */
  registerAccelerator?: boolean;
  type?: 'separator' | 'submenu';
  enabled?: boolean;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

/**
 * The studio's menu bar. Commands that change the mapping (new, open, save, undo, zoom...) go to
 * the renderer, which owns the document and its undo history; Cut/Copy/Paste use the native roles
 * so text fields and Monaco keep working. The renderer's own keyboard shortcuts handle the keys (the
 * same code path as in a browser, where there is no menu bar), so these accelerators are shown but
 * not registered: registering them too would run Ctrl+S twice and steal Ctrl+Z from Monaco.
 * Built as data so the accelerators are tested without Electron. Toggle DevTools is there only in
 * a development run (not packaged); an installed build has no DevTools (secureWebPreferences).
 */
export function menuTemplate(send: (command: HostCommand) => void, recent: readonly RecentFile[], platform: NodeJS.Platform, mode: ShellMode): MenuItemSpec[] {
  const item = (label: string, command: Exclude<HostCommand['command'], 'openRecent'>, accelerator?: string): MenuItemSpec =>
    ({ label, ...(accelerator ? { accelerator, registerAccelerator: false } : {}), click: () => send({ command }) });
  const separator: MenuItemSpec = { type: 'separator' };
  const recentMenu: MenuItemSpec[] = recent.length === 0
    ? [{ label: 'No recent files', enabled: false }]
    : recent.map((file) => ({ label: file.name, click: () => send({ command: 'openRecent', path: file.path }) }));
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('New Mapping', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentMenu },
        separator,
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export Bundle…', 'export', 'CmdOrCtrl+E'),
        separator,
        platform === 'darwin' ? { role: 'close' } : { role: 'quit', label: 'Exit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
        separator,
        { role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Fit View', 'fitView', 'Shift+1'),
        item('Zoom In', 'zoomIn', 'CmdOrCtrl+='),
        item('Zoom Out', 'zoomOut', 'CmdOrCtrl+-'),
        item('Actual Size', 'resetZoom', 'CmdOrCtrl+0'),
        separator,
        { role: 'togglefullscreen' },
        ...(mode.packaged ? [] : [{ role: 'toggleDevTools' as const, accelerator: platform === 'darwin' ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }]),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [item('About Crosswalk', 'about')],
    },
  ];
}
