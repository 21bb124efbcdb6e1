import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import { assembleExample } from './assembleExample';
import { homeBloodPressureExport, homeBloodPressureRow } from './maps/homeBloodPressureExport';
import { armBodySite, bloodPressureObservation, diastolicComponent, heartRateObservation, systolicComponent } from './maps/vitalSignsObservations';

const readingMaps = () => [bloodPressureObservation(), systolicComponent(), diastolicComponent(), heartRateObservation()];

/**
 * examples/home-blood-pressure-to-fhir.crosswalk.json: a home blood-pressure monitor's JSON export
 * → a transaction Bundle of the monitor (Device) and, per reading, a FHIR vital-signs blood
 * pressure panel and heart rate. The message map reads the document; the maps it calls read one
 * reading each.
 */
export function buildHomeBloodPressure(): MappingSpec {
  return assembleExample([homeBloodPressureExport(), ...readingMaps()], [armBodySite], {});
}

/** The same readings exported as CSV (one row per reading), mapped by the same reading maps: built by the tests, not shipped. */
export function buildHomeBloodPressureCsv(sample: string): MappingSpec {
  return assembleExample([homeBloodPressureRow(sample), ...readingMaps()], [armBodySite], {});
}
