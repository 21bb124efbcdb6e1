import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * IS[CodeableConcept] — IG table "HL7 Data Type - FHIR R4_ IS[CodeableConcept] - Sheet1.csv":
 * the code of a user-defined table as coding.code (OBX-5 when OBX-2 is IS, and ID, whose
 * ID[CodeableConcept] table has the same one row). The table names no system: a user-defined
 * table has none a receiver could look the code up in.
 */
function build() {
  const b = new MapBuilder('IS[CodeableConcept]', 'datatype', hl7Datatype('IS'), fhirType('CodeableConcept'))
    .describe('IS → CodeableConcept', 'A CodeableConcept holding a coded value of a user-defined (IS) or HL7 (ID) table as its code.');
  b.set('CodeableConcept.coding.code', b.fn('string.trim', { value: b.src('IS') }, undefined, 'code'));
  return b.build();
}

export const isCodeableConcept = build();
