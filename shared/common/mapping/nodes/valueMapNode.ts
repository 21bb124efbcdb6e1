import { z } from 'zod';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/** Looks a code up in one of the mapping's value maps: input `in`; outputs `code`, `coding`, `display`, `system`. */
export const valueMapNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('valueMap'),
  valueMapId: idSchema,
  label: z.string().optional(),
}).strict();
export type ValueMapNode = z.infer<typeof valueMapNodeSchema>;

export const valueMapNodeKind: NodeKind<ValueMapNode> = {
  kind: 'valueMap',
  title: 'Value map',
  description: 'A vocabulary map: source code → target code, display and system, with a policy for unmapped codes.',
  schema: valueMapNodeSchema,
  ports: () => ({
    inputs: [{ name: 'in', type: 'code', description: 'The source code to look up.' }],
    outputs: [
      { name: 'code', type: 'code', description: 'The target code.' },
      { name: 'coding', type: 'Coding', description: 'system + code + display.' },
      { name: 'display', type: 'string', description: 'The target display.' },
      { name: 'system', type: 'string', description: 'The target code system.' },
    ],
  }),
  check(node, env) {
    if (!env.hasValueMap(node.valueMapId)) {
      throw new CrosswalkError('SPEC_UNKNOWN_VALUE_MAP', `Node "${node.id}" uses the value map "${node.valueMapId}", which the mapping does not define.`, { ...env.where, path: `${env.where.path ?? ''}.valueMapId` });
    }
  },
  compile(node, port, ctx) {
    const map = ctx.valueMap(node.valueMapId);
    const input = ctx.port('in', 'leaf');
    const { where, traceId } = ctx;
    const valueMapId = node.valueMapId;
    return (frame, prov) => {
      const raw = input ? input(frame, prov) : undefined;
      const code = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : String(raw);
      const result = map.apply(code, where);
      if (prov) {
        prov.nodes.push(traceId);
        if (code !== undefined) prov.valueMaps.push({ valueMap: valueMapId, node: traceId, code, outcome: result.outcome, ...(result.entryIndex !== undefined ? { entryIndex: result.entryIndex } : {}) });
      }
      const coding = result.coding;
      if (!coding) return undefined;
      switch (port) {
        case 'code': return coding.code;
        case 'display': return coding.display;
        case 'system': return coding.system;
        // The map's own frozen coding: writes copy it, functions only read their inputs.
        default: return coding;
      }
    };
  },
  show(node, inputs, port) {
    const call = `${node.valueMapId}(${inputs.get('in') ?? ''})`;
    return port === 'code' ? call : `${call}.${port}`;
  },
};
