import { z } from 'zod';
import { callNodeKind, callNodeSchema } from './callNode';
import { conditionNodeKind, conditionNodeSchema } from './conditionNode';
import { constantNodeKind, constantNodeSchema } from './constantNode';
import { functionNodeKind, functionNodeSchema } from './functionNode';
import type { NodeKind, NodePorts, PortEnv } from './NodeKind';
import { noteNodeKind, noteNodeSchema } from './noteNode';
import { referenceNodeKind, referenceNodeSchema } from './referenceNode';
import { valueMapNodeKind, valueMapNodeSchema } from './valueMapNode';

/** Every node kind, as data: the spec's schema, the compiler, the canvas and `crosswalk show` all read this list. */
export const nodeKinds = [functionNodeKind, valueMapNodeKind, constantNodeKind, conditionNodeKind, referenceNodeKind, callNodeKind, noteNodeKind] as const;

export const nodeSchema = z.discriminatedUnion('kind', [functionNodeSchema, valueMapNodeSchema, constantNodeSchema, conditionNodeSchema, referenceNodeSchema, callNodeSchema, noteNodeSchema]);
export type MappingNode = z.infer<typeof nodeSchema>;
export type NodeKindName = MappingNode['kind'];

const byKind: ReadonlyMap<string, NodeKind> = new Map(nodeKinds.map((k) => [k.kind, k as unknown as NodeKind]));

/** The definition of a node's kind (a Map: a kind name from a file never reaches Object.prototype). */
export function nodeKindOf<N extends MappingNode>(node: N): NodeKind<N> {
  return byKind.get(node.kind) as unknown as NodeKind<N>;
}

export function nodePortsOf(node: MappingNode, env: PortEnv): NodePorts {
  return nodeKindOf(node).ports(node, env);
}

export type { FunctionNode } from './functionNode';
export type { ValueMapNode } from './valueMapNode';
export type { ConstantNode } from './constantNode';
export type { ConditionNode } from './conditionNode';
export type { ReferenceNode } from './referenceNode';
export type { CallNode } from './callNode';
export type { NoteNode } from './noteNode';
export type { NodeKind, NodePorts, PortEnv, PortInfo, CheckEnv, NodeCompileContext } from './NodeKind';
