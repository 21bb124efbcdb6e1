import { z } from 'zod';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { checkParams } from '../../functions/checkParams';
import { callFunction } from '../compile/callFunction';
import { readModeFor } from '../compile/FunctionLookup';
import { idSchema, portSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/** A parameter value set on the node in the studio (not linked). */
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** A function from the registry (shared/common/functions): inputs by port name, output `out`. */
export const functionNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('function'),
  functionId: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'A function id has only letters, digits, "_", "." and "-".'),
  params: z.record(portSchema, paramValueSchema).optional(),
  label: z.string().optional(),
}).strict();
export type FunctionNode = z.infer<typeof functionNodeSchema>;

export const functionNodeKind: NodeKind<FunctionNode> = {
  kind: 'function',
  title: 'Function',
  description: 'A function from the library: string, date/time, number, unit, code, logic and lookup primitives.',
  schema: functionNodeSchema,
  ports(node, env) {
    const def = env.functionPorts(node.functionId);
    if (!def) return { inputs: [], outputs: [{ name: 'out', type: 'any' }] };
    return {
      inputs: def.inputs.map((p) => ({ name: p.name, type: p.type, ...(p.optional ? { optional: true } : {}), ...(p.many ? { many: true } : {}), description: p.description })),
      outputs: [{ name: 'out', type: def.output.type, ...(def.output.many ? { many: true } : {}), ...(def.output.description ? { description: def.output.description } : {}) }],
    };
  },
  check(node, env) {
    const definition = env.functions(node.functionId);
    if (!definition) {
      throw new CrosswalkError('MAP_UNKNOWN_FUNCTION', `Node "${node.id}" uses the function "${node.functionId}", which is not in the function library.`, env.where);
    }
    checkParams(definition, node.params ?? {}, { node: env.where.node ?? node.id });
  },
  compile(node, _port, ctx) {
    const definition = ctx.functions(node.functionId);
    if (!definition) throw new CrosswalkError('MAP_UNKNOWN_FUNCTION', `Node "${node.id}" uses the function "${node.functionId}", which is not in the function library.`, ctx.where);
    const ports = definition.inputs.map((p) => ({ name: p.name, evaluate: ctx.port(p.name, readModeFor(p)) }));
    const params: Record<string, unknown> = { ...(node.params ?? {}) };
    const { traceId } = ctx;
    // A value the function refuses (a time without a timezone, text that is no number) is placed at the field it came from.
    const where = ctx.field === undefined ? ctx.where : { ...ctx.where, path: ctx.field };
    // One inputs object per node, refilled per call: functions are pure and keep nothing, and a node
    // never runs inside its own evaluation (the compiler refuses cycles), so nothing sees it change.
    const inputs: Record<string, unknown> = {};
    const names = ports.map((p) => p.name);
    const evaluators = ports.map((p) => p.evaluate);
    return (frame, prov) => {
      for (let i = 0; i < names.length; i++) {
        const evaluate = evaluators[i];
        inputs[names[i]] = evaluate === undefined ? undefined : evaluate(frame, prov);
      }
      if (prov) prov.nodes.push(traceId);
      return callFunction(definition, inputs, params, frame.context, where);
    };
  },
  show(node, inputs) {
    const args = [...inputs.values()];
    for (const [name, value] of Object.entries(node.params ?? {})) if (value !== null) args.push(`${name}=${JSON.stringify(value)}`);
    return `${node.functionId}(${args.join(', ')})`;
  },
};
