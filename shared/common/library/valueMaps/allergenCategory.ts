import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0127 allergen type (AL1-2) → AllergyIntolerance.category. The IG's AllergenType map
 * is not in the reference extract; these follow table 0127's definitions. Miscellaneous allergy
 * (MA) and contraindication (MC) have no FHIR category and give none.
 */
export const allergenCategory: ValueMap = {
  id: 'v2-0127-allergy-category',
  name: 'Allergen type (v2 0127) → AllergyIntolerance category',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0127',
  targetSystem: 'http://hl7.org/fhir/allergy-intolerance-category',
  entries: [
    { source: 'DA', target: 'medication', display: 'Medication' },
    { source: 'FA', target: 'food', display: 'Food' },
    { source: 'EA', target: 'environment', display: 'Environment' },
    { source: 'AA', target: 'environment', display: 'Environment' },
    { source: 'PA', target: 'environment', display: 'Environment' },
    { source: 'LA', target: 'environment', display: 'Environment' },
  ],
  unmapped: { kind: 'empty' },
};
