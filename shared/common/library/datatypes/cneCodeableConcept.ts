import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CNE[CodeableConcept] — IG table "HL7 Data Type - FHIR R4_ CNE[CodeableConcept] - Sheet1.csv",
 * whose rows are CWE[CodeableConcept]'s component for component (CNE differs from CWE only in
 * requiring a code), so the map applies CWE[CodeableConcept].
 */
function build() {
  const b = new MapBuilder('CNE[CodeableConcept]', 'datatype', hl7Datatype('CNE'), fhirType('CodeableConcept'))
    .describe('CNE → CodeableConcept', 'A CodeableConcept from a coded element with no exceptions (OBX-5 when OBX-2 is CNE): read as a CWE.');
  b.set('CodeableConcept', b.call('CWE[CodeableConcept]', b.src('CNE'), 'as-cwe'));
  return b.build();
}

export const cneCodeableConcept = build();
