import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import { SpecBuilder } from './SpecBuilder';
import { observationsFromObx } from './observationsFromObx';
import * as maps from '../../shared/common/library/valueMaps/index';

/**
 * examples/oru-r01-to-observations.crosswalk.json: lab results. HL7 v2 ORU^R01 → a transaction
 * Bundle of the Patient, one Observation per OBX (IG OBX[Observation], category laboratory) and,
 * when the message holds one order (one OBR), a DiagnosticReport whose result lists every
 * Observation: the "references to all of them" shape, where the ADT example links one to one.
 */

export const acceptedResultMessages: ValueMap = {
  id: 'oru-message-guard',
  name: 'Accepted message types (MSH-9.1)',
  description: 'This mapping reads unsolicited observation results (ORU). Any other message code fails the message with VALUEMAP_UNMAPPED.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0076',
  entries: [{ source: 'ORU', target: 'ORU', display: 'ORU message' }],
  unmapped: { kind: 'error' },
};

export function buildOruR01ToObservations(): MappingSpec {
  const b = new SpecBuilder('msg').hl7Source('2.5.1', 'ORU_R01');
  const patient = b.target('patient', 'Patient');
  const observation = b.target('observation', 'Observation');
  const report = b.target('report', 'DiagnosticReport');
  for (const map of [maps.administrativeSex, maps.observationStatus, maps.interpretation, maps.diagnosticReportStatus, acceptedResultMessages]) b.valueMap(map);
  const src = (path: string) => b.src(path);

  b.set(patient, 'Patient.meta.source', b.cond("$in = 'never written'", b.map(acceptedResultMessages.id, src('MSH-9.1'), 'code', 'message-type-guard'), 'guard-filter'));

  // PID → Patient: identity only (the ADT example maps the whole PID).
  b.each(patient, 'Patient.identifier', src('PID-3'));
  b.set(patient, 'Patient.identifier', b.fn('datatype.identifierFromCx', { cx: src('PID-3') }, undefined, 'PID-3-identifier'));
  b.each(patient, 'Patient.name', src('PID-5'));
  b.set(patient, 'Patient.name', b.fn('datatype.humanNameFromXpn', { xpn: src('PID-5') }, undefined, 'PID-5-name'));
  b.set(patient, 'Patient.gender', b.map(maps.administrativeSex.id, src('PID-8'), 'code', 'gender'));
  b.set(patient, 'Patient.birthDate', b.fn('date.hl7ToFhirDate', { value: src('PID-7') }, undefined, 'birthDate'));

  // OBX → Observation, each a laboratory result of the Patient.
  observationsFromObx(b, observation, b.ref(patient));
  b.set(observation, 'Observation.category', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }, 'laboratory'));

  // OBR → DiagnosticReport, only when the message has a single order: v2 groups OBX under their
  // OBR by position, and a report must list only its own results.
  b.each(report, 'DiagnosticReport', b.cond('OBR[2]-4 = null', src('OBR'), 'single-order'));
  b.set(report, 'DiagnosticReport.status', b.map(maps.diagnosticReportStatus.id, src('OBR-25'), 'code', 'report-status'));
  b.set(report, 'DiagnosticReport.status', b.cond('OBR-25 = null', b.constant('unknown', 'report-status-unknown'), 'no-result-status'), 1);
  b.set(report, 'DiagnosticReport.category', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }, 'lab-section'));
  b.set(report, 'DiagnosticReport.code', b.fn('code.codeableConceptFromCwe', { cwe: src('OBR-4') }, undefined, 'report-code'));
  b.set(report, 'DiagnosticReport.subject', b.ref(patient));
  b.set(report, 'DiagnosticReport.effective[x]:effectiveDateTime', b.fn('date.hl7ToFhirDateTime', { value: src('OBR-7') }, undefined, 'observed'));
  b.set(report, 'DiagnosticReport.result', b.ref(observation, 'every-result'));

  return b.build({ defaultTimezone: 'Z' });
}
