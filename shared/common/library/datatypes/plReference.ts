import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * PL[Reference]: a Reference whose display names a person location, for a mapping that does not
 * create Location resources (PL[Location] is the IG's map): PL.9 description if sent, else the
 * parts from the widest to the narrowest, facility (PL.4), building (PL.7), floor (PL.8), point
 * of care (PL.1), room (PL.2), bed (PL.3), joined by ", " (as datatype.referenceFromPl did).
 */
function build() {
  const b = new MapBuilder('PL[Reference]', 'datatype', hl7Datatype('PL'), fhirType('Reference'))
    .describe('PL → Reference (location)', 'A Reference with a display for a person location (PV1-3): PL.9, else facility, building, floor, point of care, room and bed joined by ", ".');
  const parts = b.fnMany('string.concat', 'values', ['PL.4.1', 'PL.7', 'PL.8', 'PL.1', 'PL.2', 'PL.3'].map((p) => b.src(p)), 'parts', { separator: ', ' });
  b.set('Reference.display', b.fnMany('logic.coalesce', 'values', [b.fn('string.trim', { value: b.src('PL.9') }, undefined, 'description'), parts], 'display'));
  return b.build();
}

export const plReference = build();
