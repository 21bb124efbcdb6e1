import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { namesPerson } from './pv1Participants';

/** An XON that names an organization: a name or an identifier (XON.10, else XON.3). */
export const namesOrganization = (field: string): string => `string.trim(${field}.1) != null or string.trim(${field}.10) != null or string.trim(${field}.3) != null`;

/**
 * PD1[Patient] (IG "HL7 Segment - FHIR R4_ PD1[Patient]"): the patient's primary facility (PD1-3)
 * and primary care providers (PD1-4) as Patient.generalPractitioner, in that order, pointing at
 * the Organization and Practitioners the message map makes from the same fields (its targets
 * `general-practice` and `general-practitioner`).
 */
export function pd1Patient(): MapDefinition {
  const b = new MapBuilder('PD1[Patient]', 'segment', hl7Segment('PD1'), fhirResource('Patient'))
    .describe('PD1 → Patient', 'The patient\'s primary facility and primary care providers from the PD1 segment, as the IG\'s PD1[Patient] map says.');
  b.each('Patient.generalPractitioner', b.cond(namesOrganization('PD1-3'), b.src('PD1-3'), 'names-practice'));
  b.set('Patient.generalPractitioner', b.cond(namesOrganization('PD1-3'), b.ref('general-practice'), 'practice'));
  b.each('Patient.generalPractitioner', b.cond(namesPerson('PD1-4'), b.src('PD1-4'), 'names-practitioner'), 1);
  b.set('Patient.generalPractitioner', b.cond(namesPerson('PD1-4'), b.ref('general-practitioner'), 'practitioner'));
  return b.build();
}
