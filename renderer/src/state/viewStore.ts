import { create } from 'zustand';

/** What is rendered of one schema node's virtualized list, published for edge routing. */
export interface RowWindow {
  /** Row index of every visible (expanded) path. */
  index: Map<string, number>;
  first: number;
  last: number;
  parents: ReadonlyMap<string, string | undefined>;
}

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/**
 * Something the analyst pointed at in the current map, whose path the canvas highlights; or an
 * output value of the preview (`trace`), whose path through every map it crossed is highlighted
 * in whichever map is shown. `map` names the map a focus was set for on its way there (a link
 * opened from the table): showing that map keeps it, showing any other drops it.
 */
export type Focus =
  | { kind: 'target'; node: string; path: string; map?: string }
  | { kind: 'source'; node: string; path: string; map?: string }
  | { kind: 'link'; id: string; map?: string }
  | { kind: 'node'; id: string; map?: string }
  | { kind: 'trace'; output: string }
  | undefined;

/** A request to bring something into view; `nonce` makes asking twice for the same thing ask again. */
export interface RevealRequest<T> {
  what: T;
  nonce: number;
}

/** View state (expanded rows, searches, scroll windows) is kept per map: `in` and `out` recur in every map. */
export const viewKey = (mapId: string, nodeId: string): string => `${mapId}/${nodeId}`;

interface ViewState {
  /** Expanded rows per schema node (by viewKey); kept apart from the mapping (it is layout). */
  expanded: Record<string, ReadonlySet<string>>;
  query: Record<string, string>;
  windows: Record<string, RowWindow>;
  focus: Focus;
  toasts: Toast[];
  bottomTab: 'preview' | 'structure' | 'tests' | 'valuemap' | 'link' | 'coverage';
  editingValueMap: string | undefined;
  /** The main area: the canvas of the current map, or the whole mapping as a table. */
  mainView: 'canvas' | 'table';
  /** Rows to bring into view, per schema node (by viewKey): their ancestors opened and the list scrolled to them. */
  revealRows: Record<string, RevealRequest<string>>;
  /** Canvas nodes of a map to frame when that map is shown (a link opened from the table). */
  frame: RevealRequest<{ mapId: string; nodes: string[] }> | undefined;
  toggle(key: string, path: string, open?: boolean): void;
  expandAll(key: string, paths: readonly string[]): void;
  collapseAll(key: string): void;
  setQuery(key: string, query: string): void;
  setWindow(key: string, window: RowWindow): void;
  setFocus(focus: Focus): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
  setBottomTab(tab: ViewState['bottomTab']): void;
  editValueMap(id: string | undefined): void;
  setMainView(view: ViewState['mainView']): void;
  revealRow(key: string, path: string): void;
  frameNodes(mapId: string, nodes: string[]): void;
}

let reveals = 0;

let toastIds = 0;

export const useViewStore = create<ViewState>((set) => ({
  expanded: {},
  query: {},
  windows: {},
  focus: undefined,
  toasts: [],
  bottomTab: 'preview',
  editingValueMap: undefined,
  mainView: 'canvas',
  revealRows: {},
  frame: undefined,
  toggle(key, path, open) {
    set((s) => {
      const current = new Set(s.expanded[key] ?? []);
      const next = open ?? !current.has(path);
      if (next) current.add(path);
      else current.delete(path);
      return { expanded: { ...s.expanded, [key]: current } };
    });
  },
  expandAll(key, paths) {
    set((s) => ({ expanded: { ...s.expanded, [key]: new Set([...(s.expanded[key] ?? []), ...paths]) } }));
  },
  collapseAll(key) {
    set((s) => ({ expanded: { ...s.expanded, [key]: new Set() } }));
  },
  setQuery(key, query) {
    set((s) => ({ query: { ...s.query, [key]: query } }));
  },
  setWindow(key, window) {
    set((s) => ({ windows: { ...s.windows, [key]: window } }));
  },
  setFocus(focus) {
    set({ focus });
  },
  toast(kind, text) {
    const id = ++toastIds;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 6000 : 3500);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  setBottomTab(bottomTab) {
    set({ bottomTab });
  },
  editValueMap(editingValueMap) {
    set({ editingValueMap, bottomTab: editingValueMap ? 'valuemap' : 'preview' });
  },
  setMainView(mainView) {
    set({ mainView });
  },
  revealRow(key, path) {
    set((s) => ({ revealRows: { ...s.revealRows, [key]: { what: path, nonce: ++reveals } } }));
  },
  frameNodes(mapId, nodes) {
    set({ frame: { what: { mapId, nodes }, nonce: ++reveals } });
  },
}));

/** Which handle a link end attaches to: the row, its nearest visible ancestor, or the list's edge. */
export function resolveRowHandle(window: RowWindow | undefined, path: string, nearest: (path: string, w: RowWindow) => string | undefined): string {
  if (!window) return '__node';
  const row = nearest(path, window);
  if (row === undefined) return '__node';
  const i = window.index.get(row)!;
  if (i < window.first) return '__above';
  if (i > window.last) return '__below';
  return row;
}
