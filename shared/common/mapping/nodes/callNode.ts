import { z } from 'zod';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { mapIdSchema, idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/**
 * Applies another map of the mapping (a segment or data type map) to the source item linked into
 * `in`: a segment (`PID`), a field (`PID-3`) or a component (`CX.4`). Output `out` is what the map
 * writes; applied to a repeating item that no context binds, one output per item.
 */
export const callNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('call'),
  map: mapIdSchema,
  label: z.string().optional(),
}).strict();
export type CallNode = z.infer<typeof callNodeSchema>;

export const callNodeKind: NodeKind<CallNode> = {
  kind: 'call',
  title: 'Map',
  description: 'Applies a segment or data type map (PID[Patient], CX[Identifier]) to a source item; one output per item of a repeating one.',
  schema: callNodeSchema,
  ports(node, env) {
    const types = env.mapTypes(node.map);
    return {
      inputs: [{ name: 'in', type: types?.input ?? 'any', description: 'The source item the map reads (a segment, field or component).' }],
      outputs: [{ name: 'out', type: types?.output ?? 'any', description: 'What the map writes; one per item of a repeating input.' }],
    };
  },
  check(node, env) {
    if (env.mapTypes(node.map) === undefined) {
      throw new CrosswalkError('SPEC_UNKNOWN_MAP', `Node "${node.id}" applies the map "${node.map}", which the mapping does not define.`, { ...env.where, path: `${env.where.path ?? ''}.map` });
    }
  },
  compile(node, _port, ctx) {
    return ctx.callMap(node.map);
  },
  show(node, inputs) {
    return `${node.map}(${inputs.get('in') ?? ''})`;
  },
};
