import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { isForbiddenKey } from '../../safety/forbiddenKeys';
import type { FhirElementLookup } from './FhirElementLookup';

/** One element on a target path, resolved against the FHIR definitions. */
export interface TargetStep {
  /** The JSON property name (`name`, `valueQuantity`). */
  key: string;
  /** The path up to this element as the spec writes it (`Observation.value[x]:valueQuantity`). */
  specPath: string;
  repeating: boolean;
  /** How a primitive element's value is written in JSON; undefined for a complex element. */
  primitive?: 'string' | 'number' | 'boolean';
  /** The FHIR type code (`code`, `decimal`, `HumanName`). */
  type: string;
}

export interface TargetPath {
  text: string;
  /** Empty for the resource itself. */
  steps: TargetStep[];
}

const NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * Parses and resolves a target path once, at compile time: each element must exist in the
 * FHIR definitions of the resource, a choice must name its variant, and no step may be a key
 * that could alter objects. The result tells the writer which elements are arrays and how to
 * write the last one.
 */
export function resolveTargetPath(text: string, resourceType: string, lookup: FhirElementLookup, where: ErrorLocation): TargetPath {
  const fail = (code: string, message: string): never => {
    throw new CrosswalkError(code, message, { ...where, path: text });
  };
  const parts = text.split('.');
  if (parts[0] !== resourceType) {
    fail('MAP_BAD_TARGET_PATH', `The target path "${text}" must start with the target's resource type ${resourceType}.`);
  }
  const steps: TargetStep[] = [];
  let specPath = resourceType;
  // Where the definitions are looked up: the resource, or `Extension` below a primitive's extension.
  let lookupType = resourceType;
  let lookupPath = resourceType;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const previous = steps[steps.length - 1];
    if (part === 'extension' && previous?.primitive !== undefined) {
      // A primitive's extensions live beside it in FHIR JSON: birthDate → _birthDate.extension.
      if (previous.repeating) {
        fail('MAP_UNSUPPORTED_TARGET', `The target path "${text}" puts an extension on ${previous.specPath}, which repeats; this engine writes extensions only on single primitive elements.`);
      }
      steps[steps.length - 1] = { key: `_${previous.key}`, specPath: previous.specPath, repeating: false, type: 'Element' };
      specPath = `${specPath}.${part}`;
      steps.push({ key: 'extension', specPath, repeating: true, type: 'Extension' });
      lookupType = 'Extension';
      lookupPath = 'Extension';
      continue;
    }
    let key = part;
    const choice = part.indexOf('[x]:');
    if (choice !== -1) {
      const base = part.slice(0, choice);
      key = part.slice(choice + 4);
      if (!NAME.test(base) || !NAME.test(key) || !key.startsWith(base)) {
        fail('MAP_BAD_TARGET_PATH', `The target path "${text}" has a malformed choice "${part}"; write it like value[x]:valueQuantity.`);
      }
    } else if (part.endsWith('[x]') && NAME.test(part.slice(0, -3))) {
      const choices = lookup.fhirElement(lookupType, `${lookupPath}.${part}`)?.choices;
      const first = choices ? Object.keys(choices)[0] : undefined;
      if (first === undefined) fail('MAP_UNKNOWN_TARGET_ELEMENT', `${resourceType} has no element ${specPath}.${part} in FHIR R4.`);
      fail('MAP_CHOICE_WITHOUT_TYPE', `The target path "${text}" must name one type of the choice ${specPath}.${part}, e.g. ${specPath}.${part}:${first}.`);
    } else if (!NAME.test(part)) {
      fail('MAP_BAD_TARGET_PATH', `The target path "${text}" has an invalid element name "${part.slice(0, 40)}".`);
    }
    if (isForbiddenKey(key) || key === 'resourceType') {
      fail('MAP_FORBIDDEN_TARGET', `The target path "${text}" names "${key}", which a mapping may not write.`);
    }
    specPath = `${specPath}.${part}`;
    lookupPath = `${lookupPath}.${part}`;
    const info = lookup.fhirElement(lookupType, lookupPath);
    if (info === undefined) {
      fail('MAP_UNKNOWN_TARGET_ELEMENT', `${resourceType} has no element ${specPath} in FHIR R4.`);
    }
    const element = info as NonNullable<typeof info>;
    if (element.choices !== undefined) {
      const first = Object.keys(element.choices)[0] ?? `${part}Value`;
      fail('MAP_CHOICE_WITHOUT_TYPE', `The target path "${text}" must name one type of the choice ${specPath}, e.g. ${specPath}:${first}.`);
    }
    const type = element.types[0]?.code ?? 'BackboneElement';
    const primitive = element.types.length === 1 ? lookup.fhirPrimitive(type)?.json : undefined;
    steps.push({ key, specPath, repeating: element.max === '*' || (typeof element.max === 'number' && element.max > 1), type, ...(primitive ? { primitive } : {}) });
  }
  return { text, steps };
}
