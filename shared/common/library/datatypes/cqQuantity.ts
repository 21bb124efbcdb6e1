import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CQ[Quantity] — IG table "HL7 Data Type - FHIR R4_ CQ[Quantity] - Sheet1.csv": CQ.1 the value,
 * CQ.2 the units. Deviation (libraryMaps.ts): CQ.2 goes through CWE[Quantity], as OBX-6 does for
 * NM, rather than CWE[string]: the unit's text and, when it is UCUM, its system and code.
 */
function build() {
  const b = new MapBuilder('CQ[Quantity]', 'datatype', hl7Datatype('CQ'), fhirType('Quantity'))
    .describe('CQ → Quantity', 'A Quantity from a composite quantity with units (`150^mg`): CQ.1 value, CQ.2 unit (UCUM where it is).');
  b.set('Quantity.value', b.fn('number.parse', { value: b.src('CQ.1') }, undefined, 'value'));
  b.set('Quantity', b.call('CWE[Quantity]', b.src('CQ.2'), 'units'));
  return b.build();
}

export const cqQuantity = build();
