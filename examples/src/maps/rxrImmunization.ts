import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * RXR[Immunization] (IG "HL7 Segment - FHIR R4_ RXR[Immunization]"): the route (RXR-1) and the
 * body site (RXR-2), each as the sender coded it (CWE[CodeableConcept]: NCIT routes as the US CDC
 * IG asks, HL70162 and HL70163 codes in their v2 systems).
 */
export function rxrImmunization(): MapDefinition {
  const b = new MapBuilder('RXR[Immunization]', 'segment', hl7Segment('RXR'), fhirResource('Immunization'))
    .describe('RXR → Immunization route and site', 'How and where the vaccine was given, from the RXR segment.');
  b.set('Immunization.route', b.call('CWE[CodeableConcept]', b.src('RXR-1'), 'route'));
  b.set('Immunization.site', b.call('CWE[CodeableConcept]', b.src('RXR-2'), 'site'));
  return b.build();
}
