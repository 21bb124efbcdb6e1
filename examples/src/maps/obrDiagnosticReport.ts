import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { diagnosticReportStatus, diagnosticServiceSection } from '../../../shared/common/library/valueMaps';

const PERFORMER_FUNCTION = 'http://hl7.org/fhir/StructureDefinition/event-performerFunction';
const performerFunction = (code: string, display: string) => ({ url: PERFORMER_FUNCTION, valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code, display }] } });

/**
 * OBR[DiagnosticReport] (IG "HL7 Segment - FHIR R4_ OBR[DiagnosticReport]"): status, code, when
 * observed (OBR-7, a period with OBR-8), when issued (OBR-22), the section as category (OBR-24),
 * the principal result interpreter (OBR-32) and the technicians and transcriptionists as
 * performers (OBR-34, OBR-35, with their function). Practitioners are logical references
 * (NDL[Reference]: identifier and name), where the IG makes PractitionerRole resources.
 */
export function obrDiagnosticReport(): MapDefinition {
  const b = new MapBuilder('OBR[DiagnosticReport]', 'segment', hl7Segment('OBR'), fhirResource('DiagnosticReport'))
    .describe('OBR → DiagnosticReport', 'The report of one order from its OBR segment.');
  b.set('DiagnosticReport.status', b.map(diagnosticReportStatus.id, b.src('OBR-25'), 'code', 'report-status'));
  b.set('DiagnosticReport.status', b.cond('OBR-25 = null', b.constant('unknown', 'report-status-unknown'), 'no-result-status'), 1);

  // OBR-24 by table 0074; a local section is kept as text; none sent: a laboratory report (this example's messages).
  const section = b.map(diagnosticServiceSection.id, b.src('OBR-24'), 'coding', 'section');
  b.set('DiagnosticReport.category.coding', section);
  b.set('DiagnosticReport.category.text', b.fn('logic.if', { condition: section, else: b.src('OBR-24') }, undefined, 'local-section'));
  b.set('DiagnosticReport.category', b.cond('OBR-24 = null', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }, 'lab-section'), 'no-section'), 1);

  b.set('DiagnosticReport.code', b.call('CWE[CodeableConcept]', b.src('OBR-4'), 'report-code'));
  b.set('DiagnosticReport.effective[x]:effectiveDateTime', b.call('DTM[dateTime]', b.cond('OBR-8 = null', b.src('OBR-7'), 'no-end'), 'observed'));
  b.set('DiagnosticReport.effective[x]:effectivePeriod.start', b.call('DTM[dateTime]', b.cond('OBR-8 != null', b.src('OBR-7'), 'has-end'), 'observed-from'));
  b.set('DiagnosticReport.effective[x]:effectivePeriod.end', b.call('DTM[dateTime]', b.src('OBR-8'), 'observed-until'));
  // identifier[1] the placer order number, identifier[2] the filler's (ORC[DiagnosticReport]; OBR-2/OBR-3 when the ORC has none).
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Placer]', b.cond('ORC-2.1 != null', b.src('ORC-2'), 'placer-in-ORC'), 'placer-ORC'));
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Placer]', b.cond('ORC-2.1 = null', b.src('OBR-2'), 'placer-in-OBR'), 'placer-OBR'));
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Filler]', b.cond('ORC-3.1 != null', b.src('ORC-3'), 'filler-in-ORC'), 'filler-ORC'), 1);
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Filler]', b.cond('ORC-3.1 = null', b.src('OBR-3'), 'filler-in-OBR'), 'filler-OBR'), 1);
  b.set('DiagnosticReport.issued', b.call('DTM[instant]', b.src('OBR-22'), 'issued'));

  b.set('DiagnosticReport.resultsInterpreter', b.call('NDL[Reference]', b.src('OBR-32'), 'interpreter'));
  b.each('DiagnosticReport.performer', b.src('OBR-34'));
  b.set('DiagnosticReport.performer', b.call('NDL[Reference]', b.src('OBR-34'), 'technician'));
  // A condition on the field tells which of the two performer contexts a constant belongs to.
  b.set('DiagnosticReport.performer.extension', b.cond('OBR-34 != null', b.constant(performerFunction('SPRF', 'secondary performer'), 'technician-function'), 'is-technician'));
  b.each('DiagnosticReport.performer', b.src('OBR-35'), 1);
  b.set('DiagnosticReport.performer', b.call('NDL[Reference]', b.src('OBR-35'), 'transcriptionist'));
  b.set('DiagnosticReport.performer.extension', b.cond('OBR-35 != null', b.constant(performerFunction('TRANS', 'Transcriber'), 'transcriptionist-function'), 'is-transcriptionist'));
  return b.build();
}
