import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * NM[Quantity] — IG table "HL7 Data Type - FHIR R4_ NM[Quantity] - Sheet1.csv": the number is
 * the Quantity's value (HL7 NM read by number.parse: `065.88` → 65.88). The unit comes from the
 * units field through CWE[Quantity], linked onto the same Quantity by the segment map.
 */
function build() {
  const b = new MapBuilder('NM[Quantity]', 'datatype', hl7Datatype('NM'), fhirType('Quantity'))
    .describe('NM → Quantity value', 'The value of a Quantity from a number (OBX-5 when OBX-2 is NM).');
  b.set('Quantity.value', b.fn('number.parse', { value: b.src('NM') }, undefined, 'value'));
  return b.build();
}

export const nmQuantity = build();
