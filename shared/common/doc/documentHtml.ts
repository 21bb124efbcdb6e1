import type { DocBlock, DocCell, MappingDocument } from './DocumentModel';

/** Text for HTML: every character that could start markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const STYLE = `
:root { --ink: #1d2430; --muted: #5b6577; --line: #d5dae3; --band: #f3f5f8; --accent: #1f4e8c; --pass: #1e7a3c; --fail: #b3261e; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
header.doc { background: var(--accent); color: #fff; padding: 28px 48px 22px; }
header.doc h1 { margin: 0 0 4px; font-size: 26px; font-weight: 600; letter-spacing: .2px; }
header.doc p { margin: 0; opacity: .9; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 48px 48px; }
nav.toc { border: 1px solid var(--line); background: var(--band); padding: 12px 20px; margin: 24px 0; columns: 2; column-gap: 40px; }
nav.toc h2 { column-span: all; margin: 0 0 6px; font-size: 15px; border: 0; padding: 0; }
nav.toc ol { margin: 0; padding-left: 0; list-style: none; }
nav.toc ol ol { padding-left: 16px; font-size: 13px; }
nav.toc li { break-inside: avoid; }
nav.toc a { color: var(--accent); text-decoration: none; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 16px; margin: 28px 0 8px; }
p { margin: 8px 0; max-width: 90ch; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
table.facts { width: auto; min-width: 60%; }
table.rules th:nth-child(1) { width: 23%; } table.rules th:nth-child(2) { width: 13%; } table.rules th:nth-child(3) { width: 21%; }
table.rules th:nth-child(4) { width: 13%; } table.rules th:nth-child(5) { width: 24%; } table.rules th:nth-child(6) { width: 6%; }
table.notes td:first-child code, table.deviations td:first-child code, table.gaps td:first-child code { white-space: nowrap; overflow-wrap: normal; }
table.deviations td:nth-child(2) { width: 30%; }
table.facts th { background: var(--band); width: 220px; font-weight: 600; white-space: normal; }
code, .code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", Menlo, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
td.indent-1 { padding-left: 26px; } td.indent-2 { padding-left: 44px; } td.indent-3 { padding-left: 62px; } td.indent-4 { padding-left: 80px; }
td[class^="indent-"]::before { content: "↳ "; color: var(--muted); }
.pass { color: var(--pass); font-weight: 600; } .fail { color: var(--fail); font-weight: 600; } .warn { color: var(--warn); } .muted { color: var(--muted); }
p.empty { color: var(--muted); font-style: italic; }
a { color: var(--accent); }
footer.doc { max-width: 1180px; margin: 0 auto; padding: 0 48px 32px; color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 14mm; }
@media print {
  body { font-size: 11px; }
  header.doc { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); padding: 0 0 8px; }
  main, footer.doc { max-width: none; padding: 0; }
  nav.toc { break-after: page; }
  h2 { break-before: page; color: var(--ink); border-color: var(--ink); }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

function cellHtml(c: DocCell): string {
  const text = escapeHtml(c.text);
  const inner = c.code && c.text !== '' ? `<code>${text}</code>` : text;
  const linked = c.href ? `<a href="#${escapeHtml(c.href)}">${inner}</a>` : inner;
  return c.tone ? `<span class="${c.tone}">${linked}</span>` : linked;
}

function blockHtml(block: DocBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level} id="${escapeHtml(block.id)}">${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p${block.tone ? ` class="${block.tone}"` : ''}>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<table class="facts"><tbody>${block.rows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${cellHtml(value)}</td></tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${cellHtml(item)}</li>`).join('')}</ul>`;
    case 'table': {
      if (block.rows.length === 0) return `<p class="empty">${escapeHtml(block.empty)}</p>`;
      const head = `<thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
      const body = block.rows.map((row) => `<tr>${row.map((c) => `<td${c.indent ? ` class="indent-${Math.min(c.indent, 4)}"` : ''}>${cellHtml(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table class="${escapeHtml(block.className)}">${head}<tbody>\n${body}\n</tbody></table>`;
    }
    default:
      return '';
  }
}

/** The table of contents: the sections, and under each the maps or value maps it holds. */
function tocHtml(blocks: readonly DocBlock[]): string {
  const sections: Array<{ id: string; text: string; entries: Array<{ id: string; text: string }> }> = [];
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    if (block.level === 2) sections.push({ id: block.id, text: block.text, entries: [] });
    else sections[sections.length - 1]?.entries.push({ id: block.id, text: block.text });
  }
  const link = (h: { id: string; text: string }): string => `<a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a>`;
  const items = sections.map((s) => `<li>${link(s)}${s.entries.length > 0 ? `<ol>${s.entries.map((e) => `<li>${link(e)}</li>`).join('')}</ol>` : ''}</li>`);
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

/**
 * The document as one self-contained HTML page: styles inline, no script, no external asset (its
 * Content-Security-Policy refuses any), every text escaped, laid out for the screen and for print
 * (A4 landscape, a section per page, header rows repeated, rows never split).
 */
export function documentHtml(doc: MappingDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Crosswalk">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="doc"><h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(doc.subtitle)}</p></header>`,
    '<main>',
    tocHtml(doc.blocks),
    ...doc.blocks.map(blockHtml),
    '</main>',
    `<footer class="doc">${escapeHtml(doc.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
