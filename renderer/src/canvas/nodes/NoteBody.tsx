import type { NoteNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import type { NodeBodyProps, NodeView } from './NodeView';

/** A fixed width, so the layout knows how many lines the text wraps to before the node is measured. */
const WIDTH = 260;
const LINE_CHARS = 42;
const LINE_HEIGHT = 15;

/** The note's text, wrapped; a note carries no value, so it has no ports. */
function NoteBody({ node }: NodeBodyProps<NoteNode>) {
  return <p className="op-node__note" style={{ margin: '4px 8px', width: WIDTH - 16, whiteSpace: 'pre-wrap', fontSize: 11, lineHeight: `${LINE_HEIGHT}px` }}>{node.text}</p>;
}

export const noteView: NodeView<NoteNode> = {
  kind: 'note',
  icon: '✎',
  title: (node) => node.label ?? 'Note',
  description: (node) => node.text,
  Body: NoteBody,
  bodyHeight: (node) => 8 + LINE_HEIGHT * node.text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / LINE_CHARS)), 0),
  bodyWidth: () => WIDTH,
  // Notes come from imports for now (the IG's to-dos); adding one from the palette is studio work to come.
  palette: () => [],
  create: (_entry, _context, id) => ({ node: { id: id('note'), kind: 'note', text: 'To do' } }),
};
