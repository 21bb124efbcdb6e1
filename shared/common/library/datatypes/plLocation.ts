import { MapBuilder, fhirResource, hl7Datatype } from '../../mapping/build/MapBuilder';

const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';

/**
 * PL[Location] — IG table "HL7 Data Type - FHIR R4_ PL[Location] - Sheet1.csv". The IG makes one
 * Location per level of a person location (bed → room → floor → point of care → building →
 * facility) chained by partOf; a data type map writes one resource, so this one is the most
 * granular level that was sent: its identifier (HD.1 of that component, as HD[Identifier]), mode
 * instance and physical type, with PL.9 as description. Deviations (libraryMaps.ts): the partOf
 * chain (one Location target per level in the message map), PL.10 and PL.11.
 */
function build() {
  const b = new MapBuilder('PL[Location]', 'datatype', hl7Datatype('PL'), fhirResource('Location'))
    .describe('PL → Location', 'The Location a person location points at (PV1-3): the most granular level sent (bed, room, floor, point of care, building, facility) with its identifier and physical type, and the description PL.9.')
    .when('PL.1 != null or PL.2 != null or PL.3 != null or PL.4 != null or PL.7 != null or PL.8 != null or PL.9 != null');
  b.set('Location.identifier.value', b.fnMany('logic.coalesce', 'values', ['PL.3.1', 'PL.2.1', 'PL.8.1', 'PL.1.1', 'PL.7.1', 'PL.4.1'].map((p) => b.src(p)), 'most-granular'));
  b.set('Location.mode', b.constant('instance', 'instance'));
  // Bed, room, floor, point of care (no physical type code in the IG), building, facility.
  const type = b.cond("logic.if(PL.3, 'bd', logic.if(PL.2, 'ro', logic.if(PL.8, 'lvl', logic.if(PL.1, null, logic.if(PL.7, 'bu', logic.if(PL.4, 'si'))))))", undefined, 'physical-type');
  b.set('Location.physicalType.coding.code', type);
  b.set('Location.physicalType.coding.system', b.fn('logic.if', { condition: type, then: b.constant(PHYSICAL_TYPE, 'location-physical-type') }, undefined, 'if-physical-type'));
  b.set('Location.description', b.src('PL.9'));
  return b.build();
}

export const plLocation = build();
