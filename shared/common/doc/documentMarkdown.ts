import type { DocBlock, DocCell, MappingDocument } from './DocumentModel';

/** Plain text in Markdown: the characters that would start markup are backslash-escaped; a line break becomes `<br>` (GitHub's tables keep one line per row). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#|<>~]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '<br>');
}

/** A code span that holds any text: a fence longer than any run of backticks inside, `|` escaped for tables. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function cellMarkdown(c: DocCell): string {
  if (c.text === '') return '';
  const indent = c.indent ? `${'\u00a0\u00a0'.repeat(c.indent)}↳ ` : '';
  const inner = c.code ? codeSpan(c.text) : escapeMarkdown(c.text);
  const linked = c.href ? `[${inner}](#${c.href})` : inner;
  return `${indent}${c.tone === 'pass' || c.tone === 'fail' ? `**${linked}**` : linked}`;
}

function blockMarkdown(block: DocBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<a id="${block.id}"></a>\n\n${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return block.tone === 'fail' || block.tone === 'warn' ? `> ${escapeMarkdown(block.text)}` : escapeMarkdown(block.text);
    case 'facts':
      return block.rows.map(([label, value]) => `- **${escapeMarkdown(label)}:** ${cellMarkdown(value)}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${cellMarkdown(item)}`).join('\n');
    case 'table': {
      if (block.rows.length === 0) return `_${escapeMarkdown(block.empty)}_`;
      const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
      return [line(block.columns.map(escapeMarkdown)), line(block.columns.map(() => '---')), ...block.rows.map((row) => line(row.map(cellMarkdown)))].join('\n');
    }
    default:
      return '';
  }
}

/** The document as Markdown (GitHub-flavoured: pipe tables, anchors as `<a id>` before each heading), saying what the HTML page says. */
export function documentMarkdown(doc: MappingDocument): string {
  const contents = doc.blocks
    .filter((b): b is Extract<DocBlock, { kind: 'heading' }> => b.kind === 'heading')
    .map((h) => `${h.level === 3 ? '  ' : ''}- [${escapeMarkdown(h.text)}](#${h.id})`);
  return [
    `# ${escapeMarkdown(doc.title)}`,
    `_${escapeMarkdown(doc.subtitle)}_`,
    '## Contents',
    contents.join('\n'),
    ...doc.blocks.map(blockMarkdown),
    '---',
    `_${escapeMarkdown(doc.footer)}_`,
    '',
  ].join('\n\n');
}
