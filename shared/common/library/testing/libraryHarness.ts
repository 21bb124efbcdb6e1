import type { Hl7Message } from '../../hl7v2';
import { MapBuilder, hl7Message } from '../../mapping/build/MapBuilder';
import { compileMapping, type MappingPlan } from '../../mapping/compile/compileMapping';
import type { FhirElementLookup } from '../../mapping/compile/FhirElementLookup';
import { executeMapping } from '../../mapping/execute/executeMapping';
import { MAPPING_FORMAT } from '../../mapping/spec/formatVersion';
import { fhirTypeOf, type MappingSettings, type MappingSpec } from '../../mapping/spec/MappingSpec';
import { parseSpec } from '../../mapping/spec/parseSpec';
import { copyLibraryMap, libraryMap } from '../libraryMaps';

/** One library map applied to one source item of the message (`PID-3[2]`, `OBX[3]-6[1]`, `PV1-3[1].1`). */
export interface LibraryCall {
  map: string;
  path: string;
  /** Where under the value its output goes (`low` of a Range); the value itself when absent. */
  at?: string;
}

/**
 * Runs library maps the way a mapping uses them: a tiny message map applies each to its source
 * item and writes what they give into one place (the value of an extension of a Basic resource,
 * or for a map that writes a resource, that resource), so several calls onto one place merge
 * (NM[Quantity] and CWE[Quantity] onto one Quantity). Plans are compiled once per set of calls.
 */
export function libraryHarness(elements: FhirElementLookup, settings: MappingSettings = {}) {
  const plans = new Map<string, { plan: MappingPlan; read: (resource: Record<string, unknown>) => unknown }>();

  function planFor(calls: readonly LibraryCall[]) {
    const key = calls.map((c) => `${c.map} ${c.path} ${c.at ?? ''}`).join('|');
    let found = plans.get(key);
    if (found) return found;
    const schema = libraryMap(calls[0].map)?.map.targets[0].schema;
    if (schema?.standard !== 'fhir-r4') throw new Error(`${calls[0].map} is not a library map.`);
    const output = fhirTypeOf(schema) as string;
    const b = new MapBuilder('HARNESS', 'message', hl7Message('ADT_A01'));
    let read: (resource: Record<string, unknown>) => unknown;
    if (schema.resource !== undefined) {
      b.target('out', output);
      for (const call of calls) b.set(output, b.call(call.map, b.src(call.path)));
      read = ({ resourceType: _type, ...rest }) => (Object.keys(rest).length === 0 ? undefined : rest);
    } else if (output === 'Extension') {
      b.target('out', 'Basic');
      for (const call of calls) b.set('Basic.extension', b.call(call.map, b.src(call.path)));
      read = (resource) => (resource.extension as unknown[] | undefined)?.[0];
    } else {
      const valueKey = `value${output[0].toUpperCase()}${output.slice(1)}`;
      b.target('out', 'Basic');
      b.set('Basic.extension.url', b.constant('urn:crosswalk:library-harness', 'url'));
      for (const call of calls) b.set(`Basic.extension.value[x]:${valueKey}${call.at ? `.${call.at}` : ''}`, b.call(call.map, b.src(call.path)));
      read = (resource) => (resource.extension as Record<string, unknown>[] | undefined)?.[0]?.[valueKey];
    }
    let spec: MappingSpec = { format: MAPPING_FORMAT, maps: [b.build()], valueMaps: [], settings };
    for (const call of calls) spec = copyLibraryMap(spec, call.map);
    found = { plan: compileMapping(parseSpec(spec), { elements }), read };
    plans.set(key, found);
    return found;
  }

  return {
    /** What the maps write for this message: the merged value, or undefined. Errors of the data are thrown as the engine throws them. */
    run(message: Hl7Message, calls: readonly LibraryCall[]): unknown {
      const { plan, read } = planFor(calls);
      const { bundle } = executeMapping(plan, message);
      return read(bundle.entry[0].resource as Record<string, unknown>);
    },
  };
}
