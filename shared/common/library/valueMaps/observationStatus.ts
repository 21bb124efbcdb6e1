import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0085 → FHIR observation-status (IG cs_ObservationResultStatusCodesInterpretation).
 * The IG gives no target for B, I, N, O, R, S, U and V; each gets the status that says what the
 * code says (the entry's comment gives the reason), since `unknown` tells a clinician nothing and
 * these are common (U from radiology, R and I from labs). Local codes outside 0085 stay `unknown`.
 */
export const observationStatus: ValueMap = {
  id: 'v2-0085-observation-status',
  name: 'Observation result status (v2 0085) → FHIR observation status',
  description: 'HL7 v2-to-FHIR IG vocabulary map ObservationResultStatusCodesInterpretation, with the codes it leaves blank given a clinical answer.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0085',
  targetSystem: 'http://hl7.org/fhir/observation-status',
  entries: [
    { source: 'A', target: 'amended', display: 'Amended' },
    { source: 'B', target: 'amended', display: 'Amended', comment: 'Not in the IG. Appended report: final results reviewed and information added without changing the result; FHIR amended covers updates and new information after final (R4 Observation has no appended).' },
    { source: 'C', target: 'corrected', display: 'Corrected' },
    { source: 'D', target: 'entered-in-error', display: 'Entered in Error' },
    { source: 'F', target: 'final', display: 'Final' },
    { source: 'I', target: 'registered', display: 'Registered', comment: 'Not in the IG. Specimen in lab, results pending: the observation exists and no result is available yet, which is FHIR registered.' },
    { source: 'N', target: 'cancelled', display: 'Cancelled', comment: 'Not in the IG (which sets dataAbsentReason not-asked for it). Not asked: the observation was not sought, so it will have no result; FHIR cancelled is the status of an observation not started.' },
    { source: 'O', target: 'registered', display: 'Registered', comment: 'Not in the IG. Order detail description only, no result: registered, the status of an observation without a result.' },
    { source: 'P', target: 'preliminary', display: 'Preliminary' },
    { source: 'R', target: 'preliminary', display: 'Preliminary', comment: 'Not in the IG. Results entered, not verified: a result that may still change, which FHIR calls preliminary (never final before verification).' },
    { source: 'S', target: 'preliminary', display: 'Preliminary', comment: 'Not in the IG. Partial results (deprecated since v2.6): not yet complete, so preliminary.' },
    { source: 'U', target: 'final', display: 'Final', comment: 'Not in the IG. Status changed to final without retransmitting results already sent as preliminary: the result is now final.' },
    { source: 'V', target: 'final', display: 'Final', comment: 'Not in the IG (it asks for a JIRA). Verified: final results reviewed and confirmed correct, unchanged, which is final.' },
    { source: 'X', target: 'cancelled' },
    { source: 'W', target: 'entered-in-error', display: 'Entered in Error' },
  ],
  unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
};
