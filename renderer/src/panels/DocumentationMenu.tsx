import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { exportDocumentation } from '../state/fileActions';

/** The toolbar's "Documentation" button: the mapping's interface document as one HTML page or as Markdown, downloaded. */
export function DocumentationMenu() {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const pick = (format: 'html' | 'markdown') => { setOpen(false); void exportDocumentation(format); };
  // Escape closes the menu (back on its button); ↑/↓ move between its items.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      box.current?.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.focus();
    } else if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const items = [...(box.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <div className="menu" ref={box} onKeyDown={onKey}>
      <button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Export the mapping's interface document: rules, value maps, test results, coverage">Documentation ▾</button>
      {open ? (
        <div className="menu__items" role="menu" aria-label="Export documentation">
          <button role="menuitem" autoFocus onClick={() => pick('html')} aria-label="Export documentation as HTML">HTML page</button>
          <button role="menuitem" onClick={() => pick('markdown')} aria-label="Export documentation as Markdown">Markdown</button>
        </div>
      ) : null}
    </div>
  );
}
