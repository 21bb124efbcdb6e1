import { MapBuilder, fhirResource } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition, SchemaRef } from '../../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

/** One reading of a home monitor as a JSON object: what each map below reads (`$.systolic`, `$.measuredAt`). */
const reading: SchemaRef = {
  standard: 'json',
  sample: JSON.stringify({ measuredAt: '2026-03-02T07:41:00+01:00', systolic: 128, diastolic: 82, pulse: 66, unit: 'mmHg', arm: 'left', irregularHeartbeat: false }),
};

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const vitalSigns = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital Signs' };

/** The arm the cuff was on → SNOMED CT body site (the FHIR vital signs examples' codes); anything else gives none. */
export const armBodySite: ValueMap = {
  id: 'home-bp-arm-body-site',
  name: 'Home monitor cuff arm → SNOMED CT body site',
  description: 'The arm a home blood-pressure monitor records (left, right) as the SNOMED CT upper-arm body site.',
  targetSystem: 'http://snomed.info/sct',
  entries: [
    { source: 'left', target: '368208006', display: 'Left upper arm structure' },
    { source: 'right', target: '368209003', display: 'Right upper arm structure' },
  ],
  unmapped: { kind: 'empty' },
};

/**
 * BloodPressure[Observation]: one reading → the FHIR vital-signs blood pressure panel (profile
 * `bp`, LOINC 85354-9), its systolic and diastolic components in mm[Hg], the time with the offset
 * the monitor wrote, the arm as body site, and a note when the monitor flagged an irregular
 * heartbeat. Subject and device are the message map's.
 */
export function bloodPressureObservation(): MapDefinition {
  const b = new MapBuilder('BloodPressure[Observation]', 'segment', reading, fhirResource('Observation'))
    .describe('Reading → blood pressure panel', 'One home blood-pressure reading as the FHIR vital-signs blood pressure profile.');
  b.set('Observation.meta.profile', b.constant('http://hl7.org/fhir/StructureDefinition/bp', 'bp-profile'));
  b.set('Observation.status', b.constant('final', 'final'));
  b.set('Observation.category', b.constant(vitalSigns, 'vital-signs'));
  b.set('Observation.code', b.constant({ coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' }], text: 'Blood pressure' }, 'bp-panel'));
  b.set('Observation.effective[x]:effectiveDateTime', b.src('$.measuredAt'));
  b.set('Observation.bodySite.coding', b.map(armBodySite.id, b.src('$.arm'), 'coding', 'body-site'));
  b.set('Observation.component', b.call('SystolicPressure[Observation-component]', b.src('$'), 'systolic'));
  b.set('Observation.component', b.call('DiastolicPressure[Observation-component]', b.src('$'), 'diastolic'), 1);
  b.set('Observation.note.text', b.cond('$.irregularHeartbeat = true', b.constant('The monitor detected an irregular heartbeat during this measurement.', 'irregular-text'), 'irregular'));
  return b.build();
}

/**
 * A pressure component of the panel: its LOINC code and the value in mm[Hg], converted from what
 * the monitor was set to (`mmHg`, `kPa`) and rounded to whole mm[Hg] as monitors show them; no
 * value, no component. Written as an Observation's `code` and `value[x]`, which the panel's map
 * places under Observation.component.
 */
function pressureComponent(id: string, field: string, code: string, display: string): MapDefinition {
  const b = new MapBuilder(id, 'segment', reading, fhirResource('Observation'))
    .describe(`${display} component`, `The ${display.toLowerCase()} of one reading, in mm[Hg].`)
    .when(`$.${field} != null`);
  b.set('Observation.code', b.constant({ coding: [{ system: LOINC, code, display }] }, 'loinc'));
  b.set('Observation.value[x]:valueQuantity.value', b.fn('unit.convert', { value: b.src(`$.${field}`), unit: b.src('$.unit') }, { to: 'mm[Hg]', decimals: 0 }, 'in-mmhg'));
  b.set('Observation.value[x]:valueQuantity.unit', b.constant('mmHg', 'unit'));
  b.set('Observation.value[x]:valueQuantity.system', b.constant(UCUM, 'ucum'));
  b.set('Observation.value[x]:valueQuantity.code', b.constant('mm[Hg]', 'ucum-code'));
  return b.build();
}

export const systolicComponent = (): MapDefinition => pressureComponent('SystolicPressure[Observation-component]', 'systolic', '8480-6', 'Systolic blood pressure');
export const diastolicComponent = (): MapDefinition => pressureComponent('DiastolicPressure[Observation-component]', 'diastolic', '8462-4', 'Diastolic blood pressure');

/** HeartRate[Observation]: the pulse of a reading → the FHIR vital-signs heart rate profile (LOINC 8867-4, /min). */
export function heartRateObservation(): MapDefinition {
  const b = new MapBuilder('HeartRate[Observation]', 'segment', reading, fhirResource('Observation'))
    .describe('Reading → heart rate', 'The pulse a home blood-pressure monitor measured with a reading, as the FHIR vital-signs heart rate profile.')
    .when('$.pulse != null');
  b.set('Observation.meta.profile', b.constant('http://hl7.org/fhir/StructureDefinition/heartrate', 'heartrate-profile'));
  b.set('Observation.status', b.constant('final', 'final'));
  b.set('Observation.category', b.constant(vitalSigns, 'vital-signs'));
  b.set('Observation.code', b.constant({ coding: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }], text: 'Heart rate' }, 'heart-rate'));
  b.set('Observation.effective[x]:effectiveDateTime', b.src('$.measuredAt'));
  b.set('Observation.value[x]:valueQuantity.value', b.src('$.pulse'));
  b.set('Observation.value[x]:valueQuantity.unit', b.constant('beats/minute', 'unit'));
  b.set('Observation.value[x]:valueQuantity.system', b.constant(UCUM, 'ucum'));
  b.set('Observation.value[x]:valueQuantity.code', b.constant('/min', 'ucum-code'));
  return b.build();
}
