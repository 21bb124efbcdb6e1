import type { FhirElementInfo } from '../../schema/fhirElements';
import type { FhirPrimitiveInfo, FhirSearchParameterInfo } from '../../schema/SchemaCatalog';

/**
 * What the compiler needs of the FHIR schema: the synchronous part of SchemaCatalog, answered
 * once the target resource types are preloaded (compileWithCatalog does that).
 */
export interface FhirElementLookup {
  fhirElement(type: string, path: string): FhirElementInfo | undefined;
  fhirPrimitive(code: string): FhirPrimitiveInfo | undefined;
  /** A resource's search parameter, for conditional requests; only specs with `request.search` need it. */
  fhirSearchParameter?(resource: string, name: string): FhirSearchParameterInfo | undefined;
}
