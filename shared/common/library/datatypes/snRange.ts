import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { SN_IS_RANGE } from './snKinds';

/**
 * SN[Range] — IG table "HL7 Data Type - FHIR R4_ SN[Range] - Sheet1.csv": SN.2 low, SN.4 high,
 * for an SN whose separator SN.3 is `-`. The units go on low and high through CWE[Quantity],
 * linked by the segment map. Deviation (libraryMaps.ts): the originalText extension is not
 * written (the Range holds the same numbers).
 */
function build() {
  const b = new MapBuilder('SN[Range]', 'datatype', hl7Datatype('SN'), fhirType('Range'))
    .describe('SN → Range', 'A Range from a structured numeric range (`^10^-^20`): SN.2 low, SN.4 high.')
    .when(SN_IS_RANGE);
  b.set('Range.low.value', b.fn('number.parse', { value: b.src('SN.2') }, undefined, 'low'));
  b.set('Range.high.value', b.fn('number.parse', { value: b.src('SN.4') }, undefined, 'high'));
  return b.build();
}

export const snRange = build();
