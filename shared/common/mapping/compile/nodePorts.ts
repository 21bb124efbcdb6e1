import type { NodeKind } from '../spec/MappingSpec';

/**
 * The fixed ports of each node kind, as data: the studio draws the handles from this and the
 * compiler checks links against it. A function node's inputs come from its definition instead.
 */
export const NODE_PORTS: Readonly<Record<NodeKind, { inputs: readonly string[]; outputs: readonly string[] }>> = {
  function: { inputs: [], outputs: ['out'] },
  valueMap: { inputs: ['in'], outputs: ['code', 'coding', 'display', 'system'] },
  constant: { inputs: [], outputs: ['out'] },
  condition: { inputs: ['in'], outputs: ['out'] },
  reference: { inputs: [], outputs: ['out'] },
};

export function nodePorts(kind: NodeKind): { inputs: string[]; outputs: string[] } {
  const ports = NODE_PORTS[kind];
  return { inputs: [...ports.inputs], outputs: [...ports.outputs] };
}
