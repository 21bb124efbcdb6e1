import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CE[CodeableConcept] — IG table "HL7 Data Type - FHIR R4_ CE[CodeableConcept] - Sheet1.csv".
 * CE is the first six components of CWE, which replaced it in v2.6, and the IG's rows for them
 * are CWE[CodeableConcept]'s; so the map applies CWE[CodeableConcept]. Deviation (libraryMaps.ts):
 * that map also reads CE.7–CE.13, which a CE does not have (they are empty).
 */
function build() {
  const b = new MapBuilder('CE[CodeableConcept]', 'datatype', hl7Datatype('CE'), fhirType('CodeableConcept'))
    .describe('CE → CodeableConcept', 'A CodeableConcept from a coded element of v2.5 and before (PID-10, DG1-3): read as the CWE it became.');
  b.set('CodeableConcept', b.call('CWE[CodeableConcept]', b.src('CE'), 'as-cwe'));
  return b.build();
}

export const ceCodeableConcept = build();
