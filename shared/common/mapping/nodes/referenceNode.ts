import { z } from 'zod';
import { idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/**
 * A reference to a target resource of the message map (`{"reference": "urn:uuid:..."}`): output
 * `out`. Inside a segment or data type map it names a target of the message map that calls it.
 */
export const referenceNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('reference'),
  target: idSchema,
  label: z.string().optional(),
}).strict();
export type ReferenceNode = z.infer<typeof referenceNodeSchema>;

export const referenceNodeKind: NodeKind<ReferenceNode> = {
  kind: 'reference',
  title: 'Reference',
  description: 'A reference to another resource of the output Bundle (its urn:uuid).',
  schema: referenceNodeSchema,
  ports: () => ({ inputs: [], outputs: [{ name: 'out', type: 'Reference', description: 'A reference to the other target resource.' }] }),
  compile(node, _port, ctx) {
    return ctx.reference(node.target);
  },
  show(node) {
    return `ref(${node.target})`;
  },
};
