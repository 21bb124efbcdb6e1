import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0322 completion status (RXA-20) → Immunization.status (IG vocabulary map
 * CompletionStatus). A partial dose is `completed` as the IG says; the RXA map also marks it
 * subpotent. A code outside 0322 fails the message rather than claim a dose was given.
 */
export const completionStatus: ValueMap = {
  id: 'v2-0322-completion-status',
  name: 'Completion status (v2 0322) → FHIR immunization status',
  description: 'HL7 v2-to-FHIR IG vocabulary map CompletionStatus.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0322',
  targetSystem: 'http://hl7.org/fhir/event-status',
  entries: [
    { source: 'CP', target: 'completed', display: 'Completed' },
    { source: 'RE', target: 'not-done', display: 'Not Done' },
    { source: 'NA', target: 'not-done', display: 'Not Done' },
    { source: 'PA', target: 'completed', display: 'Completed' },
  ],
  unmapped: { kind: 'error' },
};
