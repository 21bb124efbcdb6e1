import { mapTypes } from '../../../shared/common/mapping/compile/compileMapping';
import type { PortDefinition } from '../../../shared/common/functions/FunctionDefinition';
import type { PortEnv } from '../../../shared/common/mapping/nodes/nodeKinds';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';

/**
 * What the node kinds (shared/common/mapping/nodes) read to tell their ports, from the studio's
 * registries: the function library the host listed, and the maps of the open mapping. The ports
 * the canvas draws are the ones the compiler checks.
 */
export function portEnvOf(functions: ReadonlyMap<string, FunctionInfo>, spec: Pick<MappingSpec, 'maps'> | undefined): PortEnv {
  return {
    functionPorts: (id) => {
      const info = functions.get(id);
      // The host lists the registry's own definitions: its value types are the registry's.
      return info ? { inputs: info.inputs as PortDefinition[], output: info.output } : undefined;
    },
    mapTypes: (id) => {
      const map = spec?.maps.find((m) => m.id === id);
      return map ? mapTypes(map) : undefined;
    },
  };
}
