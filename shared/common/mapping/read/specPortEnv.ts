import { getFunction } from '../../functions';
import { mapTypes } from '../compile/compileMapping';
import type { PortEnv } from '../nodes/nodeKinds';
import { findMap, type MappingSpec } from '../spec/MappingSpec';

/** Function inputs in the library's order and the spec's map input/output types, so links read as they are drawn. */
export function specPortEnv(spec: Pick<MappingSpec, 'maps'>): PortEnv {
  return {
    functionPorts: (id) => getFunction(id),
    mapTypes: (id) => {
      const map = findMap(spec, id);
      return map ? mapTypes(map) : undefined;
    },
  };
}
