import type { FhirValidator } from '../../fhir/validateFhir';
import { prepareFhirValidator } from '../../fhir/prepareFhirValidator';
import type { MessageStructure } from '../../hl7v2/groups';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { inputFormatOf, type InputFormat } from '../input/inputFormat';
import { hl7InputOf, messageMaps, type MappingSpec } from '../spec/MappingSpec';
import { compileMapping, type CompileOptions, type MappingPlan } from './compileMapping';
import type { FunctionLookup } from './FunctionLookup';

export interface CompiledMapping {
  spec: MappingSpec;
  plan: MappingPlan;
  /** How its inputs are read: HL7 v2, JSON, or CSV with its delimiter, header and column types. */
  input: InputFormat;
  /** Present when compiled with `validate`: checks each output Bundle against FHIR R4. */
  validator?: FhirValidator;
}

/** The FHIR resource types the message maps write (what the output validator checks). */
export function targetResourceTypes(spec: MappingSpec): string[] {
  const types = new Set<string>();
  for (const map of messageMaps(spec)) for (const target of map.targets) if (target.schema.standard === 'fhir-r4' && target.schema.resource) types.add(target.schema.resource);
  // Values left absent are reported in an OperationOutcome entry of the Bundle.
  if (spec.settings.valueErrors === 'absent') types.add('OperationOutcome');
  return [...types];
}

/** Every FHIR resource and complex data type any map writes (what compiling resolves target paths against). */
export function targetFhirTypes(spec: MappingSpec): string[] {
  const types = new Set<string>();
  for (const map of spec.maps) {
    for (const target of map.targets) {
      if (target.schema.standard !== 'fhir-r4') continue;
      const type = target.schema.resource ?? target.schema.type;
      // Primitive outputs (dateTime, code) have no elements to load.
      if (type && /^[A-Z]/.test(type)) types.add(type);
    }
  }
  return [...types];
}

/**
 * Loads what compiling needs from the schema catalog (the target resource and data type
 * definitions, the message structures for group reading, and for validation the required value
 * sets), then compiles. The same call serves the runtime (Node catalog over generated/) and the
 * studio preview (catalog over the Studio API).
 */
export async function compileWithCatalog(spec: MappingSpec, catalog: SchemaCatalog, options: { validate?: boolean; functions?: FunctionLookup; recordReads?: boolean; onValueMapLookup?: CompileOptions['onValueMapLookup'] } = {}): Promise<CompiledMapping> {
  await catalog.preloadFhir(targetFhirTypes(spec));
  const structures = new Map<string, MessageStructure>();
  for (const map of messageMaps(spec)) {
    const input = hl7InputOf(map.sources[0].schema);
    if (input?.level !== 'message') continue;
    const key = `${input.version}|${input.name}`;
    if (!structures.has(key)) structures.set(key, await catalog.hl7v2Structure(input.version, input.name));
  }
  const plan = compileMapping(spec, {
    elements: catalog,
    structures: (version, structure) => structures.get(`${version}|${structure}`),
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.recordReads ? { recordReads: true } : {}),
    ...(options.onValueMapLookup ? { onValueMapLookup: options.onValueMapLookup } : {}),
  });
  const input = inputFormatOf(spec);
  if (!options.validate) return { spec, plan, input };
  const validator = await prepareFhirValidator(catalog, targetResourceTypes(spec));
  return { spec, plan, input, validator };
}
