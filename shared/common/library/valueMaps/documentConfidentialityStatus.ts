import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0272 document confidentiality status (TXA-18) → DocumentReference.securityLabel (IG
 * vocabulary map DocumentConfidentialityStatus): the same codes in the v2-0272 system. The IG's
 * v3-ActCode rows have no v2 code to come from. A code outside 0272 is labelled very restricted,
 * the strictest code: a restriction the receiver cannot read must never arrive as none (the TXA
 * map keeps the code sent as the label's text).
 */
export const documentConfidentialityStatus: ValueMap = {
  id: 'v2-0272-document-confidentiality',
  name: 'Document confidentiality status (v2 0272) → DocumentReference security label',
  description: 'HL7 v2-to-FHIR IG vocabulary map DocumentConfidentialityStatus.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0272',
  targetSystem: 'http://terminology.hl7.org/CodeSystem/v2-0272',
  entries: [
    { source: 'V', target: 'V', display: 'Very restricted' },
    { source: 'R', target: 'R', display: 'Restricted' },
    { source: 'U', target: 'U', display: 'Usual control' },
  ],
  unmapped: { kind: 'default', code: 'V', display: 'Very restricted' },
};
