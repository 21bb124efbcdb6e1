import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * NR[Range] — IG table "HL7 Data Type - FHIR R4_ NR[Range] - Sheet1.csv": NR.1 low, NR.2 high
 * (OBX-5 when OBX-2 is NR). The table writes no units (an NR has none; OBX-6 is for NM and SN).
 */
function build() {
  const b = new MapBuilder('NR[Range]', 'datatype', hl7Datatype('NR'), fhirType('Range'))
    .describe('NR → Range', 'A Range from a numeric range (`3.5^5.0`): NR.1 low, NR.2 high, either may be open.');
  b.set('Range.low.value', b.fn('number.parse', { value: b.src('NR.1') }, undefined, 'low'));
  b.set('Range.high.value', b.fn('number.parse', { value: b.src('NR.2') }, undefined, 'high'));
  return b.build();
}

export const nrRange = build();
