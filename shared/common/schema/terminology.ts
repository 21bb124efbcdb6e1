/** The parts of FHIR R4 terminology resources the catalog reads (files keep the FHIR JSON shape). */
export interface CodeSystemConcept {
  code: string;
  display?: string;
  definition?: string;
  concept?: CodeSystemConcept[];
}

export interface CodeSystemResource {
  resourceType: 'CodeSystem';
  url: string;
  id: string;
  name?: string;
  title?: string;
  status?: string;
  /** `complete` when every code is listed; `not-present` for SNOMED CT, LOINC ... */
  content?: string;
  caseSensitive?: boolean;
  concept?: CodeSystemConcept[];
}

export interface ValueSetInclude {
  system?: string;
  version?: string;
  valueSet?: string[];
  concept?: { code: string; display?: string }[];
  filter?: { property: string; op: string; value: string }[];
}

export interface ValueSetResource {
  resourceType: 'ValueSet';
  url: string;
  id: string;
  name?: string;
  title?: string;
  status?: string;
  compose?: { include?: ValueSetInclude[]; exclude?: ValueSetInclude[] };
}

/** A FHIR ConceptMap as published (e.g. `cm-administrative-gender-v2`, FHIR → v2 table 0001). */
export interface ConceptMapResource {
  resourceType: 'ConceptMap';
  url: string;
  id: string;
  name?: string;
  title?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  sourceUri?: string;
  sourceCanonical?: string;
  targetUri?: string;
  targetCanonical?: string;
  group?: {
    source?: string;
    target?: string;
    element: { code?: string; display?: string; target?: { code?: string; display?: string; equivalence: string; comment?: string }[] }[];
    unmapped?: { mode: 'provided' | 'fixed' | 'other-map'; code?: string; display?: string; url?: string };
  }[];
}

export interface ExpandedConcept {
  system: string;
  code: string;
  display?: string;
}

export interface ValueSetExpansion {
  url: string;
  concepts: ExpandedConcept[];
  /** False when some part could not be enumerated here (a code system not shipped, e.g. SNOMED CT, or a filter this expander does not know); `incomplete` says which. */
  complete: boolean;
  incomplete?: string[];
}

export type TerminologyKind = 'CodeSystem' | 'ValueSet' | 'ConceptMap';

export interface TerminologySummary {
  kind: TerminologyKind;
  id: string;
  url: string;
  name: string;
  title?: string;
}

/** Every concept of a code system with its ancestors' codes (for is-a filters). */
function flatten(concepts: CodeSystemConcept[] | undefined, ancestors: string[], out: { concept: CodeSystemConcept; ancestors: string[] }[]) {
  for (const concept of concepts ?? []) {
    out.push({ concept, ancestors });
    flatten(concept.concept, [...ancestors, concept.code], out);
  }
  return out;
}

export interface ExpansionSources {
  codeSystem(url: string): Promise<CodeSystemResource | undefined>;
  valueSet(url: string): Promise<ValueSetResource | undefined>;
}

/**
 * Expands a value set from its compose: enumerated concepts, whole code systems shipped with
 * the definitions, and hierarchy filters (is-a, descendent-of, is-not-a). What cannot be
 * enumerated is reported in `incomplete`, never silently dropped.
 */
export async function expandValueSetResource(valueSet: ValueSetResource, sources: ExpansionSources, seen: Set<string> = new Set()): Promise<ValueSetExpansion> {
  const incomplete: string[] = [];
  seen.add(valueSet.url);

  const conceptsOf = async (part: ValueSetInclude): Promise<ExpandedConcept[]> => {
    const result: ExpandedConcept[] = [];
    if (part.system !== undefined) {
      const system = part.system;
      const codeSystem = await sources.codeSystem(system);
      if (part.concept) {
        const displays = new Map(flatten(codeSystem?.concept, [], []).map(({ concept }) => [concept.code, concept.display]));
        for (const concept of part.concept) {
          const display = concept.display ?? displays.get(concept.code);
          result.push(display !== undefined ? { system, code: concept.code, display } : { system, code: concept.code });
        }
      } else if (!codeSystem || (codeSystem.content !== undefined && codeSystem.content !== 'complete')) {
        incomplete.push(`code system ${system} is not enumerable here`);
      } else {
        let rows = flatten(codeSystem.concept, [], []);
        for (const filter of part.filter ?? []) {
          if (filter.property !== 'concept' || !['is-a', 'descendent-of', 'is-not-a'].includes(filter.op)) {
            incomplete.push(`filter ${filter.property} ${filter.op} ${filter.value} on ${system}`);
            rows = [];
            break;
          }
          if (filter.op === 'is-a') rows = rows.filter((row) => row.concept.code === filter.value || row.ancestors.includes(filter.value));
          else if (filter.op === 'descendent-of') rows = rows.filter((row) => row.ancestors.includes(filter.value));
          else rows = rows.filter((row) => row.concept.code !== filter.value && !row.ancestors.includes(filter.value));
        }
        for (const { concept } of rows) {
          result.push(concept.display !== undefined ? { system, code: concept.code, display: concept.display } : { system, code: concept.code });
        }
      }
    }
    for (const url of part.valueSet ?? []) {
      const inner = seen.has(url) ? undefined : await sources.valueSet(url);
      if (!inner) {
        incomplete.push(`value set ${url} is ${seen.has(url) ? 'included in itself' : 'not shipped'}`);
        continue;
      }
      const expansion = await expandValueSetResource(inner, sources, seen);
      if (!expansion.complete) incomplete.push(...(expansion.incomplete ?? []));
      // An include naming both a system and value sets is their intersection.
      if (part.system !== undefined) {
        const keep = new Set(expansion.concepts.map((c) => `${c.system}|${c.code}`));
        return result.filter((c) => keep.has(`${c.system}|${c.code}`));
      }
      result.push(...expansion.concepts);
    }
    return result;
  };

  const concepts: ExpandedConcept[] = [];
  const keys = new Set<string>();
  for (const part of valueSet.compose?.include ?? []) {
    for (const concept of await conceptsOf(part)) {
      const key = `${concept.system}|${concept.code}`;
      if (keys.has(key)) continue;
      keys.add(key);
      concepts.push(concept);
    }
  }
  const excluded = new Set<string>();
  for (const part of valueSet.compose?.exclude ?? []) {
    for (const concept of await conceptsOf(part)) excluded.add(`${concept.system}|${concept.code}`);
  }
  const expansion: ValueSetExpansion = {
    url: valueSet.url,
    concepts: excluded.size > 0 ? concepts.filter((c) => !excluded.has(`${c.system}|${c.code}`)) : concepts,
    complete: incomplete.length === 0,
  };
  if (incomplete.length > 0) expansion.incomplete = incomplete;
  return expansion;
}
