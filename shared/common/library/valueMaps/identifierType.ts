import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0203 → Identifier.type.coding (the IG's IdentifierType vocabulary, not in the
 * reference extract). FHIR's identifier-type value set draws on the v2-0203 code system itself,
 * so every code passes through with that system; add entries to translate local codes.
 */
export const identifierType: ValueMap = {
  id: 'v2-0203-identifier-type',
  name: 'Identifier type (v2 0203) → FHIR identifier type',
  description: 'HL7 v2-to-FHIR IG vocabulary IdentifierType: v2 0203 codes are kept, in the v2-0203 code system.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  targetSystem: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  entries: [],
  unmapped: { kind: 'passthrough' },
};
