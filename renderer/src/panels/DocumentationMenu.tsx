import { useEffect, useRef, useState } from 'react';
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
  return (
    <div className="menu" ref={box} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
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
