import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { diagnosticReportStatus } from '../../../shared/common/library/valueMaps';

/** OBR[DiagnosticReport] (IG "HL7 Segment - FHIR R4_ OBR[DiagnosticReport]"): code, status, section, when observed. */
export function obrDiagnosticReport(): MapDefinition {
  const b = new MapBuilder('OBR[DiagnosticReport]', 'segment', hl7Segment('OBR'), fhirResource('DiagnosticReport'))
    .describe('OBR → DiagnosticReport', 'The report of one order from its OBR segment.');
  b.set('DiagnosticReport.status', b.map(diagnosticReportStatus.id, b.src('OBR-25'), 'code', 'report-status'));
  b.set('DiagnosticReport.status', b.cond('OBR-25 = null', b.constant('unknown', 'report-status-unknown'), 'no-result-status'), 1);
  b.set('DiagnosticReport.category', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }, 'lab-section'));
  b.set('DiagnosticReport.code', b.call('CWE[CodeableConcept]', b.src('OBR-4'), 'report-code'));
  b.set('DiagnosticReport.effective[x]:effectiveDateTime', b.call('DTM[dateTime]', b.src('OBR-7'), 'observed'));
  // identifier[1] the placer order number, identifier[2] the filler's (ORC[DiagnosticReport]; OBR-2/OBR-3 when the ORC has none).
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Placer]', b.cond('ORC-2.1 != null', b.src('ORC-2'), 'placer-in-ORC'), 'placer-ORC'));
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Placer]', b.cond('ORC-2.1 = null', b.src('OBR-2'), 'placer-in-OBR'), 'placer-OBR'));
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Filler]', b.cond('ORC-3.1 != null', b.src('ORC-3'), 'filler-in-ORC'), 'filler-ORC'), 1);
  b.set('DiagnosticReport.identifier', b.call('EI[Identifier-Filler]', b.cond('ORC-3.1 = null', b.src('OBR-3'), 'filler-in-OBR'), 'filler-OBR'), 1);
  return b.build();
}
