import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * FN[HumanName] — IG table "HL7 Data Type - FHIR R4_ FN[HumanName] - Sheet1.csv": FN.1 surname →
 * family. Deviation (libraryMaps.ts): the surname parts FN.2–FN.5 (own and partner prefixes and
 * surnames) are not written as family extensions.
 */
function build() {
  const b = new MapBuilder('FN[HumanName]', 'datatype', hl7Datatype('FN'), fhirType('HumanName'))
    .describe('FN → HumanName', 'The family name of a person name (XPN.1, XCN.2): FN.1 surname.');
  b.set('HumanName.family', b.fn('string.trim', { value: b.src('FN.1') }, undefined, 'surname'));
  return b.build();
}

export const fnHumanName = build();
