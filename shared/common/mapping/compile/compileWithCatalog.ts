import type { FhirValidator } from '../../fhir/validateFhir';
import { prepareFhirValidator } from '../../fhir/prepareFhirValidator';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import type { MappingSpec } from '../spec/MappingSpec';
import { compileMapping, type MappingPlan } from './compileMapping';
import type { FunctionLookup } from './FunctionLookup';

export interface CompiledMapping {
  spec: MappingSpec;
  plan: MappingPlan;
  /** Present when compiled with `validate`: checks each output Bundle against FHIR R4. */
  validator?: FhirValidator;
}

/** The FHIR resource types a spec writes. */
export function targetResourceTypes(spec: MappingSpec): string[] {
  const types = new Set<string>();
  for (const target of spec.targets) if (target.schema.standard === 'fhir-r4') types.add(target.schema.resource);
  return [...types];
}

/**
 * Loads what compiling needs from the schema catalog (the target resource definitions, and for
 * validation the required value sets), then compiles. The same call serves the runtime (Node
 * catalog over generated/) and the studio preview (catalog over the Studio API).
 */
export async function compileWithCatalog(spec: MappingSpec, catalog: SchemaCatalog, options: { validate?: boolean; functions?: FunctionLookup } = {}): Promise<CompiledMapping> {
  const types = targetResourceTypes(spec);
  await catalog.preloadFhir(types);
  const plan = compileMapping(spec, { elements: catalog, ...(options.functions ? { functions: options.functions } : {}) });
  if (!options.validate) return { spec, plan };
  const validator = await prepareFhirValidator(catalog, types);
  return { spec, plan, validator };
}
