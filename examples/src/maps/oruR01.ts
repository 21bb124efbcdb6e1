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
  // Replaying a message, or a corrected one, changes each record instead of adding another. The
  // Patient is created only when none has one of its identifiers (results link to the patient the
  // sender names and never overwrite demographics). Each result and report is written over the
  // one with its identifier: OBX-11 C corrects it, D and W mark it entered-in-error. A responsible
  // observer is created when no Practitioner has their identifier, and is one Practitioner however
  // many results name them.
  const patient = b.target('patient', 'Patient', { method: 'POST', search: [{ name: 'identifier' }] });
  const practitioner = b.target('practitioner', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  const observation = b.target('observation', 'Observation', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  b.target('report', 'DiagnosticReport', { method: 'PUT', search: [{ name: 'identifier', ofType: 'FILL' }], otherwise: 'create' });
  const patientRef = b.ref(patient);

  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // OBX → Observation[2]: a laboratory result of the Patient (read in its own group: OBR-7 of its order).
  b.each('Observation', b.src('OBX'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  b.set('Observation', b.call('OBX[Observation-identifier]', b.src('OBX'), 'result-identifier'));
  b.set('Observation.category', b.constant(LABORATORY, 'laboratory'));
  b.set('Observation.subject', patientRef);

  // OBX-16 → the responsible observer, a Practitioner (XCN[Practitioner]; the IG makes a
  // PractitionerRole of it): one per person however many results name them.
  b.each('Practitioner', b.cond('OBX-16.1 != null or OBX-16.2 != null', b.src('OBX-16'), 'has-observer'));
  b.set('Practitioner', b.call('XCN[Practitioner]', b.src('OBX-16')));
  b.each('Observation.performer', b.cond('OBX-16.1 != null or OBX-16.2 != null', b.src('OBX-16'), 'names-observer'));
  b.set('Observation.performer', b.ref(practitioner));

  // ORDER_OBSERVATION → DiagnosticReport[1] (OBR[DiagnosticReport]), its results those of its own group.
  // An order group read without its OBR (results sent before any order) gets no report.
  b.each('DiagnosticReport', b.cond('OBR-4 != null or OBR-2 != null or OBR-3 != null', b.src('PATIENT_RESULT.ORDER_OBSERVATION'), 'has-OBR'));
  b.set('DiagnosticReport', b.call('OBR[DiagnosticReport]', b.src('OBR')));
  b.set('DiagnosticReport.subject', patientRef);
  b.set('DiagnosticReport.result', b.ref(observation, 'results'));
  return b.build();
}
