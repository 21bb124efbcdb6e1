import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0123 result status (OBR-25) → DiagnosticReport.status. The IG's table for it is not in
 * the reference extract; these follow table 0123's definitions. DiagnosticReport.status is
 * required, so an unknown or local code becomes `unknown`.
 */
export const diagnosticReportStatus: ValueMap = {
  id: 'v2-0123-report-status',
  name: 'Result status (v2 0123) → DiagnosticReport status',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0123',
  targetSystem: 'http://hl7.org/fhir/diagnostic-report-status',
  entries: [
    { source: 'O', target: 'registered', display: 'Registered' },
    { source: 'I', target: 'registered', display: 'Registered' },
    { source: 'S', target: 'registered', display: 'Registered' },
    { source: 'A', target: 'partial', display: 'Partial' },
    { source: 'P', target: 'preliminary', display: 'Preliminary' },
    { source: 'R', target: 'partial', display: 'Partial' },
    { source: 'C', target: 'corrected', display: 'Corrected' },
    { source: 'F', target: 'final', display: 'Final' },
    { source: 'X', target: 'cancelled', display: 'Cancelled' },
  ],
  unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
};
