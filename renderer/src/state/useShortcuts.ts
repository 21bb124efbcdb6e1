import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useDocumentStore } from './documentStore';
import { saveDocument } from './fileActions';
import { copyNodes, pasteNodes, type ClipboardContent } from './clipboard';

let clipboard: ClipboardContent | undefined;
let pasteCount = 0;

/** In text fields and the Monaco editor the keys keep their text-editing meaning. */
function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable || el.closest('.monaco-editor') !== null;
}

/** Undo/redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y), copy/paste of nodes, save (Ctrl+S). */
export function useShortcuts(): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void saveDocument(event.shiftKey);
        return;
      }
      if (inTextField(event.target)) return;
      const doc = useDocumentStore.getState();
      if (key === 'z' && !event.shiftKey) { event.preventDefault(); doc.undo(); }
      else if ((key === 'z' && event.shiftKey) || key === 'y') { event.preventDefault(); doc.redo(); }
      else if (key === 'c') {
        const selected = new Set(flow.getNodes().filter((n) => n.selected && n.type === 'op').map((n) => n.id));
        if (doc.spec && selected.size > 0) { clipboard = copyNodes(doc.spec, selected); pasteCount = 0; }
      } else if (key === 'v' && clipboard) {
        event.preventDefault();
        const content = clipboard;
        pasteCount++;
        doc.edit('Paste', (spec) => pasteNodes(spec, content, 40 * pasteCount).spec);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
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
