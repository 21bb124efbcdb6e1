import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { allergenCategory, allergySeverity } from '../../../shared/common/library/valueMaps';

/** AL1[AllergyIntolerance] (IG "HL7 Segment - FHIR R4_ AL1[AllergyIntolerance]"). */
export function al1AllergyIntolerance(): MapDefinition {
  const b = new MapBuilder('AL1[AllergyIntolerance]', 'segment', hl7Segment('AL1'), fhirResource('AllergyIntolerance'))
    .describe('AL1 → AllergyIntolerance', 'An allergy from the AL1 segment, as the IG\'s AL1[AllergyIntolerance] map says.');
  // Fixed by the IG: an allergy sent in AL1 is active.
  b.set('AllergyIntolerance.clinicalStatus', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, 'clinical-active'));
  b.set('AllergyIntolerance.category', b.map(allergenCategory.id, b.src('AL1-2'), 'code', 'allergy-category'));
  b.set('AllergyIntolerance.code', b.call('CWE[CodeableConcept]', b.src('AL1-3'), 'allergen'));
  b.set('AllergyIntolerance.criticality', b.map(allergySeverity.id, b.src('AL1-4'), 'code', 'criticality'));
  b.set('AllergyIntolerance.onset[x]:onsetDateTime', b.call('DT[date]', b.src('AL1-6'), 'identified'));
  b.each('AllergyIntolerance.reaction.manifestation', b.src('AL1-5'));
  b.set('AllergyIntolerance.reaction.manifestation.text', b.src('AL1-5'));
  return b.build();
}
