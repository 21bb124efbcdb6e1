import type { MappingNode } from '../../../shared/common/mapping/spec/MappingSpec';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';

export interface PortView {
  name: string;
  type: string;
  optional?: boolean;
  many?: boolean;
  description?: string;
}

export interface NodePortsView {
  inputs: PortView[];
  outputs: PortView[];
}

/** The ports a node kind has, as the spec documents them (MappingSpec.ts); functions from the registry. */
export function nodePorts(node: MappingNode, functions: ReadonlyMap<string, FunctionInfo>): NodePortsView {
  switch (node.kind) {
    case 'function': {
      const def = functions.get(node.functionId);
      if (!def) return { inputs: [], outputs: [{ name: 'out', type: 'any' }] };
      return {
        inputs: def.inputs.map((p) => ({ name: p.name, type: p.type, optional: p.optional, many: p.many, description: p.description })),
        outputs: [{ name: 'out', type: def.output.type, many: def.output.many, description: def.output.description }],
      };
    }
    case 'valueMap':
      return {
        inputs: [{ name: 'in', type: 'code', description: 'The source code to look up.' }],
        outputs: [
          { name: 'code', type: 'code', description: 'The target code.' },
          { name: 'coding', type: 'Coding', description: 'system + code + display.' },
          { name: 'display', type: 'string', description: 'The target display.' },
          { name: 'system', type: 'string', description: 'The target code system.' },
        ],
      };
    case 'constant':
      return { inputs: [], outputs: [{ name: 'out', type: 'any', description: 'The constant value.' }] };
    case 'condition':
      return {
        inputs: [{ name: 'in', type: 'any', optional: true, description: 'Passed through where the expression holds ($in).' }],
        outputs: [{ name: 'out', type: 'any', description: 'The expression value, or the filtered input.' }],
      };
    case 'reference':
      return { inputs: [], outputs: [{ name: 'out', type: 'Reference', description: 'A reference to the other target resource.' }] };
  }
}
