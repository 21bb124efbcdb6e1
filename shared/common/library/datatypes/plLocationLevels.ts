import { MapBuilder, fhirResource, hl7Datatype } from '../../mapping/build/MapBuilder';
import type { MapDefinition } from '../../mapping/spec/MappingSpec';

const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';

/** One level of a person location, as the IG's PL[Location] table numbers its Locations ([1] the bed … [6] the facility). */
export interface PlLocationLevel {
  /** The map's id: `PL[Location-Bed]`. */
  map: string;
  /** The word for it, lower case (`bed`, `point of care`): labels, target ids. */
  name: string;
  /** The PL component that names it (PL.3 for the bed). */
  component: number;
  /** Its Location's number in the IG table's column J (`[1].mode`). */
  ig: number;
  /** Its physical type (location-physical-type); the IG has none for a point of care. */
  physicalType?: string;
}

/**
 * The levels from the most granular to the least, in the IG's default order ("Bed to Room to
 * Floor to Point of Care to Building to Facility"): each Location is partOf the next level that
 * was sent, and a reference to the place goes to the first one sent.
 */
export const plLocationLevels: readonly PlLocationLevel[] = [
  { map: 'PL[Location-Bed]', name: 'bed', component: 3, ig: 1, physicalType: 'bd' },
  { map: 'PL[Location-Room]', name: 'room', component: 2, ig: 2, physicalType: 'ro' },
  { map: 'PL[Location-Floor]', name: 'floor', component: 8, ig: 3, physicalType: 'lvl' },
  { map: 'PL[Location-PointOfCare]', name: 'point of care', component: 1, ig: 4 },
  { map: 'PL[Location-Building]', name: 'building', component: 7, ig: 5, physicalType: 'bu' },
  { map: 'PL[Location-Facility]', name: 'facility', component: 4, ig: 6, physicalType: 'si' },
];

/** Whether any component of the levels is valued: a condition over a PL field (`PV1-3`), or over PL itself by default. */
export function plHasLevel(field = 'PL', levels: readonly PlLocationLevel[] = plLocationLevels): string {
  return levels.map((l) => `${field}.${l.component} != null`).join(' or ');
}

/**
 * One level of the IG's PL[Location] (a column [n] of its table): the Location a person location's
 * component names, when it is sent: identifier (HD.1 of the component, as HD[Identifier]'s value),
 * mode instance, physical type, and PL.9 as description on the most granular level sent. The
 * partOf chain references other resources, so the message map that makes one Location target per
 * level writes it (the ADT example: bed → room → … → facility).
 */
function levelMap(level: PlLocationLevel, index: number): MapDefinition {
  const b = new MapBuilder(level.map, 'datatype', hl7Datatype('PL'), fhirResource('Location'))
    .describe(`PL → Location (${level.name})`, `The ${level.name} of a person location (PL.${level.component}) as a Location: its identifier, mode and physical type, and the description PL.9 when nothing more granular is sent; the message map links it to the next level up with partOf.`)
    .when(`PL.${level.component}.1 != null`);
  b.set('Location.identifier.value', b.src(`PL.${level.component}.1`));
  b.set('Location.mode', b.constant('instance', 'instance'));
  if (level.physicalType !== undefined) {
    b.set('Location.physicalType.coding.code', b.constant(level.physicalType, 'physical-type'));
    b.set('Location.physicalType.coding.system', b.constant(PHYSICAL_TYPE, 'location-physical-type'));
  }
  const finer = plLocationLevels.slice(0, index);
  b.set('Location.description', finer.length === 0 ? b.src('PL.9') : b.cond(`not (${plHasLevel('PL', finer)})`, b.src('PL.9'), 'most-granular'));
  return b.build();
}

export const plLocationLevelMaps: readonly MapDefinition[] = plLocationLevels.map(levelMap);
