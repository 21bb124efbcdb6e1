import type { FhirElementLookup } from './FhirElementLookup';
import type { TargetStep } from './targetPath';

/**
 * Where a write that failed under `valueErrors: "absent"` leaves its mark, decided once per link
 * at compile time from the FHIR definitions:
 * - `dataAbsentReason`: the element is the `value[x]` of an object that has a `dataAbsentReason`
 *   (Observation, Observation.component): every variant of the value is removed and the object
 *   says why it has none, as FHIR asks (obs-6);
 * - `extension`: any other single element is removed and carries the data-absent-reason extension
 *   in its place (`_effectiveDateTime.extension`, `code.extension`);
 * - `item`: an element of an extension: the whole extension goes, since one without its url or
 *   value means nothing (`at`: its step, relative to the block's object; -1 the object itself);
 * - `none`: a repeating element (its other items stay) or the whole object: only the issue says it.
 */
export interface AbsentPlacement {
  kind: 'dataAbsentReason' | 'extension' | 'item' | 'none';
  /** The element's name in FHIRPath (`value` for `value[x]:valueQuantity`), for the expression. */
  element: string;
  /** For a choice, the prefix every variant's key starts with (`value`), removed together. */
  choice?: string;
  at?: number;
}

/** The element name of a step, without its choice type (`value[x]:valueQuantity` → `value`). */
function elementName(step: TargetStep): string {
  const last = step.specPath.slice(step.specPath.lastIndexOf('.') + 1);
  const choice = last.indexOf('[x]:');
  return choice === -1 ? last : last.slice(0, choice);
}

/**
 * `steps` are the write's full target path from the target's type `rootType`, of which the first
 * `base` lead to the object the write's block fills (a context's item).
 */
export function absentPlacement(steps: readonly TargetStep[], base: number, rootType: string, elements: FhirElementLookup): AbsentPlacement {
  const last = steps[steps.length - 1];
  if (last === undefined) return { kind: 'none', element: '' };
  const element = elementName(last);
  for (let i = steps.length - 2; i >= 0; i--) {
    if (steps[i].type !== 'Extension') continue;
    // Inside an extension item: that item goes, when it is the block's object or below it.
    return i >= base - 1 ? { kind: 'item', element: 'extension', at: i - base } : { kind: 'none', element };
  }
  if (last.repeating || last.key.startsWith('_')) return { kind: 'none', element };
  const isChoice = last.specPath.endsWith(`.${element}[x]:${last.key}`);
  if (isChoice && element === 'value') {
    const holder = steps.length >= 2 ? steps[steps.length - 2].specPath : rootType;
    // Only plain element paths (no choice or extension on the way) have definitions to ask.
    if (!/[[\]_:]/.test(holder) && elements.fhirElement(rootType, `${holder}.dataAbsentReason`) !== undefined) {
      return { kind: 'dataAbsentReason', element, choice: element };
    }
  }
  return { kind: 'extension', element, ...(isChoice ? { choice: element } : {}) };
}
