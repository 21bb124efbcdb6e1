import type { FhirElementLookup } from '../mapping/compile/FhirElementLookup';
import { resolveTargetPath, type TargetStep } from '../mapping/compile/targetPath';
import { CrosswalkError } from '../errors/CrosswalkError';

/** One step of an IG attribute path: an element name and the item the IG numbers (`identifier[2]`). */
export interface IgAttributeStep {
  name: string;
  index?: number;
}

/** What an IG "FHIR Attribute" cell says. */
export type IgAttribute =
  /** `$this`, `$value`: the map's output itself. */
  | { kind: 'self' }
  /** `name[1].family`; with `assign` when the cell carries its own constant (`type.coding.code="PLAC"`). */
  | { kind: 'path'; steps: IgAttributeStep[]; assign?: string }
  /** `performer.actor(Practitioner)`: a reference to another resource the row creates. */
  | { kind: 'creates'; steps: IgAttributeStep[]; resource: string }
  | { kind: 'unreadable'; reason: string };

const STEP = /^([a-z][A-Za-z0-9]*)(?:\[(\d+)\])?/;

/**
 * Reads an IG attribute cell (`identifier[2]`, `extension[1].valueString`, `occurrenceDateTime`,
 * `location[1](Location)`, `$this`). Anything outside that grammar (`[2].given`, a slice, an
 * `extension??-…` placeholder) is unreadable, with a reason.
 */
export function parseIgAttribute(cell: string): IgAttribute {
  const text = cell.trim();
  if (text === '$this' || text === '$value') return { kind: 'self' };
  if (text.startsWith('[')) return { kind: 'unreadable', reason: 'it numbers outputs of the map itself ([2]…), and a map writes one' };
  const steps: IgAttributeStep[] = [];
  let rest = text;
  for (;;) {
    const step = STEP.exec(rest);
    if (!step) return { kind: 'unreadable', reason: 'its attribute path cannot be read' };
    steps.push(step[2] === undefined ? { name: step[1] } : { name: step[1], index: Number(step[2]) });
    rest = rest.slice(step[0].length);
    if (!rest.startsWith('.')) break;
    rest = rest.slice(1);
  }
  if (rest === '') return { kind: 'path', steps };
  const creates = /^\(\s*([A-Z][A-Za-z]+)\b.*\)$/s.exec(rest);
  if (creates) return { kind: 'creates', steps, resource: creates[1] };
  const assigned = /^\s*=\s*"(.*)"$/s.exec(rest);
  if (assigned) return { kind: 'path', steps, assign: assigned[1] };
  return { kind: 'unreadable', reason: 'its attribute path cannot be read' };
}

/** An IG path resolved in FHIR R4: the spec path (`Observation.value[x]:valueQuantity`) and each element with the IG's item number. */
export interface ResolvedAttribute {
  path: string;
  steps: Array<TargetStep & { index?: number }>;
}

/**
 * Resolves IG steps below a resource or data type (`Immunization` + `occurrenceDateTime` →
 * `Immunization.occurrence[x]:occurrenceDateTime`): a choice's variant is found by its JSON name,
 * an extension of a primitive stays beside it (`birthDate.extension`), and the result is checked by
 * the compiler's own target path resolver. Undefined when FHIR R4 has no such element.
 */
export function resolveIgAttribute(root: string, steps: readonly IgAttributeStep[], lookup: FhirElementLookup): ResolvedAttribute | undefined {
  const parts: string[] = [];
  let type = root;
  let path = root;
  let primitive = lookup.fhirPrimitive(root) !== undefined;
  for (const step of steps) {
    if (step.name === 'extension' && primitive) {
      parts.push('extension');
      type = 'Extension';
      path = 'Extension';
      primitive = false;
      continue;
    }
    // The catalog finds a choice's variant by its JSON name too, and answers with the spec's path
    // (`occurrenceDateTime` → `occurrence[x]:occurrenceDateTime`), which is what links are written with.
    const info = lookup.fhirElement(type, `${path}.${step.name}`);
    if (info === undefined || info.choices !== undefined) return undefined;
    const part = info.path.slice(info.path.lastIndexOf('.') + 1);
    parts.push(part);
    path = `${path}.${part}`;
    primitive = info.types.length === 1 && lookup.fhirPrimitive(info.types[0].code) !== undefined;
  }
  const text = [root, ...parts].join('.');
  try {
    const resolved = resolveTargetPath(text, root, lookup, {});
    return { path: text, steps: resolved.steps.map((s, i) => (steps[i].index === undefined ? s : { ...s, index: steps[i].index })) };
  } catch (error) {
    if (error instanceof CrosswalkError) return undefined;
    throw error;
  }
}
