/**
 * FHIR R4 ConceptMap equivalence (`ConceptMap.group.element.target.equivalence`), the code a value
 * map row stores, and the R5 relationship (`ConceptMapRelationship`) a reader of newer tools
 * expects, shown alongside. The R5 word is what R4 → R5 conversion gives: R5 folded the nine R4
 * codes into four relationships and "not related".
 */
export const equivalenceValues = [
  'relatedto', 'equivalent', 'equal', 'wider', 'subsumes', 'narrower', 'specializes', 'inexact', 'unmatched', 'disjoint',
] as const;
export type Equivalence = (typeof equivalenceValues)[number];

export const r5RelationshipValues = ['related-to', 'equivalent', 'source-is-narrower-than-target', 'source-is-broader-than-target', 'not-related-to'] as const;
export type R5Relationship = (typeof r5RelationshipValues)[number];

export const r5Relationship: Readonly<Record<Equivalence, R5Relationship>> = {
  relatedto: 'related-to',
  equivalent: 'equivalent',
  equal: 'equivalent',
  // "the target is wider in meaning than the source" is "the source is narrower than the target"
  wider: 'source-is-narrower-than-target',
  subsumes: 'source-is-narrower-than-target',
  narrower: 'source-is-broader-than-target',
  specializes: 'source-is-broader-than-target',
  inexact: 'related-to',
  unmatched: 'not-related-to',
  disjoint: 'not-related-to',
};

/** `narrower (R5: source-is-broader-than-target)`; a row without equivalence is equivalent. */
export function describeEquivalence(equivalence: Equivalence | undefined): string {
  const code = equivalence ?? 'equivalent';
  return code === r5Relationship[code] ? code : `${code} (R5: ${r5Relationship[code]})`;
}
