import { useState } from 'react';
import type { NoteNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import type { NodeBodyProps, NodeView } from './NodeView';
import { updateNode } from './updateNode';

/** A fixed width, so the layout knows how many lines the text wraps to before the node is measured. */
const WIDTH = 260;
const LINE_CHARS = 42;
const LINE_HEIGHT = 15;
/** The label of a note the analyst adds, and of the IG importer's: the canvas shows it as a to-do. */
const TO_DO = 'To do';

/**
 * The note's text, wrapped, with an Edit button that turns it into a text area (Enter on a line
 * alone is a line break; the edit commits when the area loses focus, one undo step). A note
 * carries no value, so it has no ports.
 */
function NoteBody({ node, mapId }: NodeBodyProps<NoteNode>) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = () => {
    const text = draft?.trim();
    setDraft(undefined);
    if (text && text !== node.text) updateNode<NoteNode>(mapId, node.id, 'Edit note', (n) => ({ ...n, text }));
  };
  if (draft !== undefined) {
    return (
      <textarea className="op-node__note-edit nodrag nowheel" aria-label={`Text of note ${node.id}`} value={draft} autoFocus
        style={{ margin: '4px 8px', width: WIDTH - 16, minHeight: 90, fontSize: 11, lineHeight: `${LINE_HEIGHT}px` }}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setDraft(undefined); } }} />
    );
  }
  return (
    <div className="op-node__note-body">
      <p className="op-node__note" style={{ margin: '4px 8px', width: WIDTH - 16, whiteSpace: 'pre-wrap', fontSize: 11, lineHeight: `${LINE_HEIGHT}px` }}>{node.text}</p>
      <button type="button" className="link-button nodrag op-node__note-button" aria-label={`Edit note ${node.id}`} onClick={() => setDraft(node.text)}>Edit</button>
    </div>
  );
}

export const noteView: NodeView<NoteNode> = {
  kind: 'note',
  icon: '✎',
  title: (node) => node.label ?? 'Note',
  description: (node) => node.text,
  Body: NoteBody,
  // The text, and the Edit button's line under it.
  bodyHeight: (node) => 8 + 16 + LINE_HEIGHT * node.text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / LINE_CHARS)), 0),
  bodyWidth: () => WIDTH,
  palette: () => [{ kind: 'note', key: '', label: 'Note (to do)', hint: 'A note for people on the canvas: a to do, a decision, a rule the engine cannot express. It maps nothing.', section: 'Basics', keywords: 'note to do todo comment remark' }],
  create: (_entry, _context, id) => ({ node: { id: id('note'), kind: 'note', label: TO_DO, text: 'What is left to do here' } }),
};
