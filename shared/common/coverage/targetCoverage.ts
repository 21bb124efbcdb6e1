import { CrosswalkError } from '../errors/CrosswalkError';
import type { FhirElementInfo } from '../schema/fhirElements';
import type { FhirProfileIndex } from '../schema/compact';
import type { TargetWrite } from './targetWrites';

/** A required or must-support element of a target that nothing writes. */
export interface MissingElement {
  /** As a target path (`Observation.status`, `Observation.value[x]:valueQuantity.unit`). */
  path: string;
  /** The least number of items the definition (or the profile) asks for. */
  min: number;
  /** The profile marks it must-support. */
  mustSupport: boolean;
  /**
   * A segment or data type map's element that every map calling it writes where the output lands
   * (AllergyIntolerance.patient, set by the message map): not a gap of the mapping, only of this map.
   */
  writtenByCaller?: true;
}

/** What coverage reads of the FHIR definitions: the children of a type or of an element (a catalog after preloadFhir). */
export interface FhirChildLookup {
  fhirChildren(type: string, path?: string): FhirElementInfo[];
}

/** `Observation.value[x]:valueQuantity.value` as a StructureDefinition writes the path: `Observation.value[x].value`. */
export function elementPath(path: string): string {
  return path.replace(/:[A-Za-z0-9]+/g, '');
}

export const under = (path: string, at: string): boolean => path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}:`);

/**
 * The elements of `type` that are required (min ≥ 1 in the definition or the profile) or that the
 * profile marks must-support, and that no write reaches. Top-level elements always count; an
 * element below counts only where its parent is written (Encounter.location.location matters only
 * in an Encounter.location), so the walk goes down written elements only, into the choice variants
 * written. Below an opaque write (a function's Identifier) nothing is reported. A profile's slices
 * count as their element (`Observation.component` for `component:SystolicBP`).
 */
export function missingElements(type: string, writes: readonly TargetWrite[], fhir: FhirChildLookup, profile?: FhirProfileIndex): MissingElement[] {
  const demands = new Map((profile?.e ?? []).map((e) => [e.p, e]));
  const written = (path: string): boolean => isWritten(writes, path);
  const opaqueAt = (path: string): boolean => writes.some((w) => w.opaque && under(path, w.path));
  const missing: MissingElement[] = [];
  const walk = (at: string | undefined): void => {
    for (const child of childrenOf(fhir, type, at)) {
      const demand = demands.get(elementPath(child.path));
      const min = Math.max(child.min, demand?.min ?? 0);
      const mustSupport = demand?.ms === 1;
      if (!written(child.path)) {
        if ((min >= 1 || mustSupport) && !opaqueAt(child.path)) missing.push({ path: child.path, min, mustSupport });
        continue;
      }
      if (opaqueAt(child.path)) continue;
      if (child.choices) {
        for (const variant of Object.keys(child.choices)) if (written(`${child.path}:${variant}`)) walk(`${child.path}:${variant}`);
      } else {
        walk(child.path);
      }
    }
  };
  walk(undefined);
  return missing;
}

/** Whether a write reaches the element (at it or below), or an opaque write above it may hold it. */
export function isWritten(writes: readonly TargetWrite[], path: string): boolean {
  return writes.some((w) => under(w.path, path) || (w.opaque && under(path, w.path)));
}

function childrenOf(fhir: FhirChildLookup, type: string, path: string | undefined): FhirElementInfo[] {
  try {
    return fhir.fhirChildren(type, path);
  } catch (error) {
    // A path the definitions do not have (the compiler reports it) has nothing to check below it.
    if (error instanceof CrosswalkError && error.code === 'SCHEMA_UNKNOWN_PATH') return [];
    throw error;
  }
}
