import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CWE[CodeableConcept] — IG table "HL7 Data Type - FHIR R4_ CWE[CodeableConcept] - Sheet1.csv".
 * Its three codings are CWE[Coding], CWE[Coding-Alternate] and CWE[Coding-SecondAlternate], each
 * kept only when its code is valued. Deviation (libraryMaps.ts): a CWE with text but no code and
 * no original text keeps CWE.2 as CodeableConcept.text rather than losing it.
 */
function build() {
  const b = new MapBuilder('CWE[CodeableConcept]', 'datatype', hl7Datatype('CWE'), fhirType('CodeableConcept'))
    .describe('CWE → CodeableConcept', 'A CodeableConcept from a coded element (OBX-3, AL1-3): up to three codings (CWE.1–3, CWE.4–6, CWE.10–12 with their versions) and the original text (CWE.9).');
  b.set('CodeableConcept.coding', b.cond('string.trim(CWE.1) != null', b.call('CWE[Coding]', b.src('CWE'), 'coding'), 'if-code'));
  b.set('CodeableConcept.coding', b.cond('string.trim(CWE.4) != null', b.call('CWE[Coding-Alternate]', b.src('CWE'), 'alternate'), 'if-alternate-code'), 1);
  b.set('CodeableConcept.coding', b.cond('string.trim(CWE.10) != null', b.call('CWE[Coding-SecondAlternate]', b.src('CWE'), 'second-alternate'), 'if-second-alternate-code'), 2);
  b.set('CodeableConcept.text', b.cond('string.trim(CWE.1) = null and string.trim(CWE.4) = null and string.trim(CWE.10) = null', b.src('CWE.2'), 'if-no-code'));
  b.set('CodeableConcept.text', b.src('CWE.9'), 1);
  return b.build();
}

export const cweCodeableConcept = build();
