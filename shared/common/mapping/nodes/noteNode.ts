import { z } from 'zod';
import { idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/**
 * A note on the canvas: text for people (a "to do", a decision, the words of a rule the engine
 * cannot express, such as the IG's narrative conditions). It has no ports, so nothing links to
 * it and it compiles to nothing; `crosswalk show` prints it under its map.
 */
export const noteNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('note'),
  text: z.string().min(1, 'A note needs some text.').max(8000),
  label: z.string().optional(),
}).strict();
export type NoteNode = z.infer<typeof noteNodeSchema>;

export const noteNodeKind: NodeKind<NoteNode> = {
  kind: 'note',
  title: 'Note',
  description: 'Text on the canvas for people: a to do, a decision, a rule the engine cannot express. It carries no value.',
  schema: noteNodeSchema,
  ports: () => ({ inputs: [], outputs: [] }),
  // Never called: a node without ports has no links, and only linked outputs are compiled.
  compile: () => () => undefined,
  show(node) {
    const text = node.text.replace(/\s+/g, ' ').trim();
    return `note${node.label ? ` (${node.label})` : ''}: ${text}`;
  },
};
