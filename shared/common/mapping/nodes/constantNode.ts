import { z } from 'zod';
import { jsonValueSchema } from '../../json/jsonValueSchema';
import { writeJson } from '../../json/writeJson';
import { idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/** A fixed value (a string, number, boolean, or a JSON object such as a Coding): output `out`. */
export const constantNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('constant'),
  value: jsonValueSchema,
  label: z.string().optional(),
}).strict();
export type ConstantNode = z.infer<typeof constantNodeSchema>;

export const constantNodeKind: NodeKind<ConstantNode> = {
  kind: 'constant',
  title: 'Constant',
  description: 'A fixed value: text, a number, true/false, or a JSON object such as a Coding.',
  schema: constantNodeSchema,
  ports: () => ({ inputs: [], outputs: [{ name: 'out', type: 'any', description: 'The constant value.' }] }),
  compile(node, _port, ctx) {
    const value = node.value;
    const { traceId } = ctx;
    return (_frame, prov) => {
      if (prov) prov.nodes.push(traceId);
      return value;
    };
  },
  show(node) {
    return typeof node.value === 'string' ? `'${node.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : writeJson(node.value);
  },
};
