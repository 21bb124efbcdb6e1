import type { FhirDefinitions, FhirElementDefinition, ValueSetCodes } from './FhirDefinitions';
import { isFhirPrimitiveType } from './primitives';
import { FhirValidator, type ValidateFhirOptions } from './validateFhir';

/** The part of the schema catalog (shared/common/schema SchemaCatalog) that preparing a validator uses. */
export interface FhirValidationCatalog extends FhirDefinitions {
  preloadFhir(types: string[]): Promise<void>;
  expandValueSet(urlOrId: string): Promise<{ concepts: readonly { system?: string; code: string }[]; complete: boolean }>;
}

/** Value set URLs of every required binding reachable from these types (resources, backbones, data types). */
export function requiredBindings(definitions: FhirDefinitions, types: readonly string[]): Set<string> {
  const urls = new Set<string>();
  const seenTypes = new Set<string>();
  const visit = (type: string, path: string | undefined) => {
    let elements: readonly FhirElementDefinition[];
    try {
      elements = definitions.fhirChildren(type, path);
    } catch {
      return; // not loaded: nothing to collect, the validator reports it if it appears
    }
    for (const element of elements) {
      if (element.binding?.strength === 'required' && element.binding.valueSet) urls.add(element.binding.valueSet.split('|')[0]);
      if (element.isBackbone && !element.choices) {
        // contentReference loops (Questionnaire.item.item) end because paths only grow to a fixed depth here.
        if ((path ?? '').split('.').length < 6) visit(type, element.path);
        continue;
      }
      for (const { code } of element.types) {
        if (isFhirPrimitiveType(code) || code.startsWith('http://') || code === 'Resource' || code === 'BackboneElement' || seenTypes.has(code)) continue;
        seenTypes.add(code);
        visit(code, undefined);
      }
    }
  };
  for (const type of types) {
    seenTypes.add(type);
    visit(type, undefined);
  }
  return urls;
}

/**
 * Loads what validating these resource types needs (their definitions, every data type, and the
 * expansions of their required value sets) and returns a validator whose checks are synchronous.
 * Call once per bundle; a Bundle's entries may only hold the types listed here (plus Bundle).
 */
export async function prepareFhirValidator(catalog: FhirValidationCatalog, resourceTypes: readonly string[], options: Omit<ValidateFhirOptions, 'valueSets'> = {}): Promise<FhirValidator> {
  const types = [...new Set(['Bundle', ...resourceTypes])];
  await catalog.preloadFhir(types);
  const valueSets = new Map<string, ValueSetCodes>();
  for (const url of requiredBindings(catalog, types)) {
    try {
      const expansion = await catalog.expandValueSet(url);
      const codes = new Set<string>();
      for (const concept of expansion.concepts) {
        codes.add(concept.code);
        if (concept.system !== undefined) codes.add(`${concept.system}|${concept.code}`);
      }
      valueSets.set(url, { codes, complete: expansion.complete });
    } catch {
      // A value set the definitions do not ship (rare in R4 core) is not checked rather than failing every message.
    }
  }
  return new FhirValidator(catalog, { ...options, valueSets });
}
