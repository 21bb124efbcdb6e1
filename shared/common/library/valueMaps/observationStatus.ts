import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0085 → FHIR observation-status (IG cs_ObservationResultStatusCodesInterpretation).
 * The IG gives no target for B, I, N, O, R, S, U and V; Observation.status is required, so those
 * (and local codes) become `unknown`.
 */
export const observationStatus: ValueMap = {
  id: 'v2-0085-observation-status',
  name: 'Observation result status (v2 0085) → FHIR observation status',
  description: 'HL7 v2-to-FHIR IG vocabulary map ObservationResultStatusCodesInterpretation.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0085',
  targetSystem: 'http://hl7.org/fhir/observation-status',
  entries: [
    { source: 'A', target: 'amended', display: 'Amended' },
    { source: 'C', target: 'corrected', display: 'Corrected' },
    { source: 'D', target: 'entered-in-error', display: 'Entered in Error' },
    { source: 'F', target: 'final', display: 'Final' },
    { source: 'P', target: 'preliminary', display: 'Preliminary' },
    { source: 'X', target: 'cancelled' },
    { source: 'W', target: 'entered-in-error', display: 'Entered in Error' },
  ],
  unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
};
