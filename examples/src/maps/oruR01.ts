import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

const LABORATORY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] };

/**
 * ORU_R01 — the message map (IG "HL7 Message - FHIR R4_ ORU_R01"), read by the structure's groups:
 * one Observation per OBX (those of ORDER_OBSERVATION.OBSERVATION and of a SPECIMEN alike), one
 * DiagnosticReport per PATIENT_RESULT.ORDER_OBSERVATION that has its OBR, and each report's
 * `result` lists exactly the Observations of its own order.
 */
export function oruR01(): MapDefinition {
  const b = new MapBuilder('ORU_R01', 'message', hl7Message('ORU_R01'))
    .describe('ORU^R01 → FHIR R4', 'Unsolicited observation results to the Patient, one laboratory Observation per OBX and one DiagnosticReport per order (OBR).')
    .accepts({ messages: [{ type: 'ORU', events: ['R01'] }] });
  const patient = b.target('patient', 'Patient');
  const observation = b.target('observation', 'Observation');
  b.target('report', 'DiagnosticReport');
  const patientRef = b.ref(patient);

  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // OBX → Observation[2]: a laboratory result of the Patient (read in its own group: OBR-7 of its order).
  b.each('Observation', b.src('OBX'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  b.set('Observation.category', b.constant(LABORATORY, 'laboratory'));
  b.set('Observation.subject', patientRef);

  // ORDER_OBSERVATION → DiagnosticReport[1] (OBR[DiagnosticReport]), its results those of its own group.
  // An order group read without its OBR (results sent before any order) gets no report.
  b.each('DiagnosticReport', b.cond('OBR-4 != null or OBR-2 != null or OBR-3 != null', b.src('PATIENT_RESULT.ORDER_OBSERVATION'), 'has-OBR'));
  b.set('DiagnosticReport', b.call('OBR[DiagnosticReport]', b.src('OBR')));
  b.set('DiagnosticReport.subject', patientRef);
  b.set('DiagnosticReport.result', b.ref(observation, 'results'));
  return b.build();
}
