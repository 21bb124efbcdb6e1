import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

const LABORATORY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] };
const MEDICAL_DIRECTOR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0912', code: 'MDIR', display: 'Medical Director' }] };

/**
 * ORU_R01 — the message map (IG "HL7 Message - FHIR R4_ ORU_R01"), read by the structure's groups:
 * one Observation per OBX (those of ORDER_OBSERVATION.OBSERVATION and of a SPECIMEN alike), with
 * the NTEs after it as notes, its order's OBR-7 when it has no OBX-14, its responsible observers
 * (OBX-16) and its performing organization and medical director (OBX-23/24/25, as Organization,
 * Practitioner and PractitionerRole); one Specimen per SPM; one DiagnosticReport per
 * PATIENT_RESULT.ORDER_OBSERVATION that has its OBR, listing exactly the Observations and Specimens
 * of its own order, with the NTEs after the OBR as notes.
 */
export function oruR01(): MapDefinition {
  const b = new MapBuilder('ORU_R01', 'message', hl7Message('ORU_R01'))
    .describe('ORU^R01 → FHIR R4', 'Unsolicited observation results to the Patient, one laboratory Observation per OBX, one Specimen per SPM and one DiagnosticReport per order (OBR).')
    .accepts({ messages: [{ type: 'ORU', events: ['R01'] }] });
  // Replaying a message, or a corrected one, changes each record instead of adding another. The
  // Patient is created only when none has one of its identifiers (results link to the patient the
  // sender names and never overwrite demographics). Each result and report is written over the
  // one with its identifier: OBX-11 C corrects it, D and W mark it entered-in-error. A person or an
  // organization is created when none has their identifier, and is one resource however many
  // results name them.
  const patient = b.target('patient', 'Patient', { method: 'POST', search: [{ name: 'identifier' }] });
  const practitioner = b.target('practitioner', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  const observation = b.target('observation', 'Observation', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  const organization = b.target('performing-organization', 'Organization', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  const director = b.target('medical-director', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  const role = b.target('performing-director', 'PractitionerRole', { method: 'POST', sameRecord: 'merge' });
  const specimen = b.target('specimen', 'Specimen', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  b.target('report', 'DiagnosticReport', { method: 'PUT', search: [{ name: 'identifier', ofType: 'FILL' }], otherwise: 'create' });
  const patientRef = b.ref(patient);

  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // OBX → Observation[2]: a laboratory result of the Patient (read in its own group: OBR-7 and the NTEs are its order's and its own).
  b.each('Observation', b.src('OBX'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  b.set('Observation', b.call('OBX[Observation-identifier]', b.src('OBX'), 'result-identifier'));
  b.set('Observation.category', b.constant(LABORATORY, 'laboratory'));
  b.set('Observation.subject', patientRef);
  // No OBX-14: the order's observation time (OBR-7, a period with OBR-8) is when it was observed.
  b.set('Observation.effective[x]:effectiveDateTime', b.call('DTM[dateTime]', b.cond('OBX-14 = null and OBR-8 = null', b.src('OBR-7'), 'order-time'), 'ordered-observation'));
  b.set('Observation.effective[x]:effectivePeriod.start', b.call('DTM[dateTime]', b.cond('OBX-14 = null and OBR-8 != null', b.src('OBR-7'), 'order-period'), 'ordered-observation-from'));
  b.set('Observation.effective[x]:effectivePeriod.end', b.call('DTM[dateTime]', b.cond('OBX-14 = null', b.src('OBR-8'), 'order-period-end'), 'ordered-observation-until'));
  // OBSERVATION.NTE → Observation.note (IG: NTE[Observation]).
  b.set('Observation.note', b.call('NTE[Annotation]', b.src('NTE'), 'notes'));

  // Observation.performer: each responsible observer (OBX-16), then the medical director's role at
  // the performing organization (OBX-25), or without a director the organization itself (OBX-23).
  // Each reference is tied to its field by a condition, which also says which context it is in.
  const hasObserver = 'OBX-16.1 != null or OBX-16.2 != null';
  const hasDirector = 'OBX-25.1 != null or OBX-25.2 != null';
  const hasOrganization = 'string.trim(OBX-23.1) != null or string.trim(OBX-23.10) != null or string.trim(OBX-23.3) != null';
  b.each('Observation.performer', b.cond(hasObserver, b.src('OBX-16'), 'names-observer'));
  b.set('Observation.performer', b.cond('OBX-16 != null', b.ref(practitioner, 'ref-observer'), 'observer'));
  b.each('Observation.performer', b.cond(hasDirector, b.src('OBX-25'), 'names-director'), 1);
  b.set('Observation.performer', b.cond('OBX-25 != null', b.ref(role, 'ref-director'), 'director'));
  b.each('Observation.performer', b.cond(`(${hasOrganization}) and OBX-25.1 = null and OBX-25.2 = null`, b.src('OBX-23'), 'names-organization-only'), 2);
  b.set('Observation.performer', b.cond('OBX-23 != null', b.ref(organization, 'ref-organization'), 'organization'));

  // OBX-16 → the responsible observer, a Practitioner (XCN[Practitioner]; the IG makes a
  // PractitionerRole of it): one per person however many results name them.
  b.eachOn('practitioner', 'Practitioner', b.cond(hasObserver, b.src('OBX-16'), 'has-observer'));
  b.setOn('practitioner', 'Practitioner', b.call('XCN[Practitioner]', b.src('OBX-16')));

  // OBX-23 (and its address OBX-24) → the performing Organization of each result that names one.
  b.each('Organization', b.cond(hasOrganization, b.src('OBX'), 'has-performing-organization'));
  b.set('Organization', b.call('XON[Organization]', b.src('OBX-23'), 'performing-organization'));
  b.set('Organization.address', b.call('XAD[Address]', b.src('OBX-24'), 'performing-address'));
  // OBX-25 → the medical director (Practitioner) and their PractitionerRole (MDIR) at the organization.
  b.eachOn('medical-director', 'Practitioner', b.cond(hasDirector, b.src('OBX'), 'has-director'));
  b.setOn('medical-director', 'Practitioner', b.call('XCN[Practitioner]', b.src('OBX-25'), 'director'));
  b.each('PractitionerRole', b.cond(hasDirector, b.src('OBX'), 'has-director-role'));
  b.set('PractitionerRole.practitioner', b.ref(director, 'ref-medical-director'));
  b.set('PractitionerRole.organization', b.ref(organization, 'ref-director-organization'));
  b.set('PractitionerRole.code', b.constant(MEDICAL_DIRECTOR, 'medical-director-code'));

  // SPECIMEN.SPM → Specimen[n], of the Patient.
  b.each('Specimen', b.src('SPM'));
  b.set('Specimen', b.call('SPM[Specimen]', b.src('SPM')));
  b.set('Specimen.subject', patientRef);

  // ORDER_OBSERVATION → DiagnosticReport[1] (OBR[DiagnosticReport]), its results and specimens those of its own group.
  // An order group read without its OBR (results sent before any order) gets no report.
  b.each('DiagnosticReport', b.cond('OBR-4 != null or OBR-2 != null or OBR-3 != null', b.src('PATIENT_RESULT.ORDER_OBSERVATION'), 'has-OBR'));
  b.set('DiagnosticReport', b.call('OBR[DiagnosticReport]', b.src('OBR')));
  b.set('DiagnosticReport.subject', patientRef);
  b.set('DiagnosticReport.result', b.ref(observation, 'results'));
  b.set('DiagnosticReport.specimen', b.ref(specimen, 'specimens'));
  // ORDER_OBSERVATION.NTE → notes of the report: R4's DiagnosticReport has no note, so R5's, in its cross-version extension.
  b.each('DiagnosticReport.extension', b.src('NTE'));
  b.set('DiagnosticReport.extension.url', b.constant('http://hl7.org/fhir/5.0/StructureDefinition/extension-DiagnosticReport.note', 'R5-note'));
  b.set('DiagnosticReport.extension.value[x]:valueAnnotation', b.call('NTE[Annotation]', b.src('NTE'), 'report-note'));
  return b.build();
}
