import { z } from 'zod';
import { truthy } from '../expression/compileExpression';
import { parseExpression } from '../expression/parseExpression';
import { idSchema } from '../spec/ids';
import type { NodeKind } from './NodeKind';

/**
 * An expression in the safe expression language, evaluated in the current iteration context.
 * Without a link into `in`: output `out` is the expression's value (a condition or a formula).
 * With a link into `in`: `out` passes the input through only where the expression is true (a
 * filter); inside the expression `$in` is the input value. A filter on a context link keeps only
 * the items for which it holds (each OBX whose OBX-2 is 'NM').
 */
export const conditionNodeSchema = z.object({
  id: idSchema,
  kind: z.literal('condition'),
  expression: z.string().min(1, 'A condition needs an expression.').max(4000),
  label: z.string().optional(),
}).strict();
export type ConditionNode = z.infer<typeof conditionNodeSchema>;

export const conditionNodeKind: NodeKind<ConditionNode> = {
  kind: 'condition',
  title: 'Condition',
  description: 'A condition or formula in the expression language; with an input, a filter that passes it where the condition holds.',
  schema: conditionNodeSchema,
  ports: () => ({
    inputs: [{ name: 'in', type: 'any', optional: true, description: 'Passed through where the expression holds ($in).' }],
    outputs: [{ name: 'out', type: 'any', description: 'The expression value, or the filtered input.' }],
  }),
  check(node, env) {
    parseExpression(node.expression, { ...env.where, path: `${env.where.path ?? ''}.expression` });
  },
  compile(node, _port, ctx) {
    const input = ctx.port('in', 'leaf');
    const test = ctx.expression(node.expression, input);
    const { traceId } = ctx;
    if (!input) {
      return (frame, prov) => {
        if (prov) prov.nodes.push(traceId);
        return test(frame, prov);
      };
    }
    return (frame, prov) => {
      if (prov) prov.nodes.push(traceId);
      return truthy(test(frame, prov)) ? input(frame, prov) : undefined;
    };
  },
  show(node, inputs) {
    const input = inputs.get('in');
    return input === undefined ? `(${node.expression})` : `${input} where ${node.expression}`;
  },
};
