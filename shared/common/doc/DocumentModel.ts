/**
 * A mapping's documentation as plain data, written by buildMappingDocument and rendered by
 * documentHtml and documentMarkdown: the two formats say the same things because they render the
 * same blocks. Text is plain (never markup); each renderer escapes it.
 */

/** One table cell, or a value in a list of facts. */
export interface DocCell {
  text: string;
  /** A path, code or expression: set in a fixed-width face. */
  code?: boolean;
  /** The id of a heading it points to (a value map, a called map). */
  href?: string;
  tone?: 'pass' | 'fail' | 'warn' | 'muted';
  /** How many contexts deep a rule lies (its target is indented). */
  indent?: number;
}

export type DocBlock =
  | { kind: 'heading'; level: 2 | 3; text: string; id: string }
  | { kind: 'paragraph'; text: string; tone?: DocCell['tone'] }
  | { kind: 'facts'; rows: Array<[string, DocCell]> }
  | { kind: 'table'; columns: string[]; rows: DocCell[][]; empty: string; className: string }
  | { kind: 'list'; items: DocCell[] };

export interface MappingDocument {
  title: string;
  /** One line under the title: version, author. */
  subtitle: string;
  blocks: DocBlock[];
  /** The closing line: where the document came from. */
  footer: string;
}
