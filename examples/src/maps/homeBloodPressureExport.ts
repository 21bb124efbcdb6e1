import { MapBuilder } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition, SchemaRef } from '../../../shared/common/mapping/spec/MappingSpec';

/** The clinic's patient identifier system: the monitor's app is enrolled with the patient's hospital number. */
export const PATIENT_ID_SYSTEM = 'https://fhir.klinikum-nord.example/sid/patient-number';

/**
 * What both message maps write: the Device, a blood pressure panel per reading and a heart rate per
 * reading with a pulse. `readings` is the path of the readings (`$.readings`; `$` for a CSV row),
 * `device` the object holding the device's fields (`$.device`; `$`).
 */
function writeReadings(b: MapBuilder, readings: string, device: string): void {
  b.target('device', 'Device');
  b.target('bp', 'Observation');
  b.target('heartRate', 'Observation');

  b.setOn('device', 'Device.manufacturer', b.src(`${device}.manufacturer`));
  b.setOn('device', 'Device.modelNumber', b.src(`${device}.model`));
  b.setOn('device', 'Device.serialNumber', b.src(`${device}.serialNumber`));
  b.setOn('device', 'Device.deviceName.name', b.src(`${device}.model`));
  b.setOn('device', 'Device.deviceName.type', b.constant('model-name', 'model-name'));
  b.setOn('device', 'Device.type', b.constant({ coding: [{ system: 'http://snomed.info/sct', code: '258057004', display: 'Non-invasive blood pressure monitor' }] }, 'nibp-monitor'));
  b.setOn('device', 'Device.specialization.systemType', b.constant({ coding: [{ system: 'urn:iso:std:iso:11073:10101', code: '528391', display: 'MDC_DEV_SPEC_PROFILE_BP' }] }, 'bp-specialization'));

  const subject = (target: string): void => {
    b.setOn(target, 'Observation.subject.identifier.system', b.constant(PATIENT_ID_SYSTEM, `${target}-patient-system`));
    b.setOn(target, 'Observation.subject.identifier.value', b.src('$.patientId'));
    b.setOn(target, 'Observation.device', b.ref('device', `${target}-device`));
  };
  b.eachOn('bp', 'Observation', b.src(readings));
  b.setOn('bp', 'Observation', b.call('BloodPressure[Observation]', b.src(readings), 'blood-pressure'));
  subject('bp');
  // A heart rate only for readings with a pulse: the context keeps those.
  b.eachOn('heartRate', 'Observation', b.cond(`${readings}.pulse != null`, b.src(readings), 'has-pulse'));
  b.setOn('heartRate', 'Observation', b.call('HeartRate[Observation]', b.src(readings), 'heart-rate'));
  subject('heartRate');
}

/**
 * HomeBloodPressureExport: the JSON a home blood-pressure monitor's app exports
 * (`{ patientId, device: { manufacturer, model, serialNumber }, readings: [ … ] }`) → a Device, and per
 * reading a blood pressure panel and a heart rate Observation. The patient is referred to by
 * identifier: the clinic already holds the Patient, and a feed of readings must not create one.
 */
export function homeBloodPressureExport(): MapDefinition {
  const b = new MapBuilder('HomeBloodPressureExport', 'message', { standard: 'json', sample: exportSample() } satisfies SchemaRef)
    .describe('Home blood-pressure export', 'A home blood-pressure monitor export (JSON) → Device, blood pressure panels and heart rates.');
  writeReadings(b, '$.readings', '$.device');
  return b.build();
}

/**
 * HomeBloodPressureRow: the same readings exported as CSV, one row per reading with the patient and
 * device in every row: each row is one message, mapped by the same reading maps (a row is read as
 * the same JSON object a reading is).
 */
export function homeBloodPressureRow(sample: string): MapDefinition {
  const b = new MapBuilder('HomeBloodPressureRow', 'message', { standard: 'csv', sample, delimiter: ',', messages: 'row', fields: [{ path: '$.patientId', type: 'string' }, { path: '$.serialNumber', type: 'string' }] } satisfies SchemaRef)
    .describe('Home blood-pressure CSV row', 'One row of a home blood-pressure monitor CSV export → Device, blood pressure panel and heart rate.');
  writeReadings(b, '$', '$');
  return b.build();
}

/** The shape of an export, for the source tree (its values are not patient data: one made-up reading). */
function exportSample(): string {
  return JSON.stringify({
    exportedAt: '2026-03-04T21:12:47+01:00',
    patientId: 'K-0000000',
    device: { manufacturer: 'OMRON HEALTHCARE', model: 'HEM-7361T', serialNumber: '00000000000' },
    readings: [{ measuredAt: '2026-03-02T07:41:00+01:00', systolic: 120, diastolic: 80, pulse: 60, unit: 'mmHg', arm: 'left', irregularHeartbeat: false }],
  });
}
