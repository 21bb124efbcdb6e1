import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { selectMap, useDocumentStore } from './state/documentStore';
import { saveDocument } from './state/fileActions';
import { copyNodes, pasteNodes, type ClipboardContent } from './state/clipboard';
import { extractSelection, inlineSelection } from './canvas/mapActions';
import { toggleReview } from './state/reviewActions';
import { useReviewStore } from './state/reviewStore';

let clipboard: ClipboardContent | undefined;
let pasteCount = 0;

/** In text fields and the Monaco editor the keys keep their text-editing meaning. */
export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable || el.closest('.monaco-editor') !== null;
}

/**
 * The review mode (Ctrl+Shift+R), undo/redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y), copy/paste of nodes (across maps too), save (Ctrl+S),
 * extract (Ctrl+Shift+E) and inline (Ctrl+Shift+L) a map, and Backspace back to the calling map
 * when nothing on the canvas is selected (with a selection, Backspace deletes it).
 */
export function useShortcuts(): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && event.shiftKey && key === 'r') {
        // The review mode (in a browser this takes the place of a hard reload, which would lose unsaved work).
        event.preventDefault();
        toggleReview();
        return;
      }
      // The review mode has keys of its own (useReviewKeys); the canvas's wait until it is closed, save apart.
      if (useReviewStore.getState().open && !(mod && key === 's')) return;
      if (!mod) {
        // Captured before React Flow sees the key: with nothing selected there is nothing for it to delete.
        if (event.key === 'Backspace' && !event.altKey && !inTextField(event.target)) {
          const selected = flow.getNodes().some((n) => n.selected) || flow.getEdges().some((e) => e.selected);
          if (!selected && useDocumentStore.getState().back()) event.preventDefault();
        }
        return;
      }
      if (key === 's') {
        event.preventDefault();
        void saveDocument(event.shiftKey);
        return;
      }
      if (inTextField(event.target)) return;
      const doc = useDocumentStore.getState();
      if (key === 'z' && !event.shiftKey) { event.preventDefault(); doc.undo(); }
      else if ((key === 'z' && event.shiftKey) || key === 'y') { event.preventDefault(); doc.redo(); }
      else if (key === 'e' && event.shiftKey) { event.preventDefault(); extractSelection(flow); }
      else if (key === 'l' && event.shiftKey) { event.preventDefault(); inlineSelection(flow); }
      else if (key === 'c') {
        const selected = new Set(flow.getNodes().filter((n) => n.selected && n.type === 'op').map((n) => n.id));
        const map = selectMap(doc);
        if (doc.spec && map && selected.size > 0) { clipboard = copyNodes(doc.spec, map, selected); pasteCount = 0; }
      } else if (key === 'v' && clipboard) {
        event.preventDefault();
        const content = clipboard;
        pasteCount++;
        doc.edit('Paste', (spec) => pasteNodes(spec, doc.mapId, content, 40 * pasteCount).spec);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [flow]);

  // The browser's own prompt before closing or reloading with unsaved work.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const s = useDocumentStore.getState();
      if (s.version !== s.savedVersion) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
