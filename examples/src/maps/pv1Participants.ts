const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** A person field of PV1 that the IG's PV1[Encounter] makes an Encounter participant, and the message map a Practitioner. */
export interface Pv1Participant {
  field: string;
  /** The message map's Practitioner target for the people of this field. */
  target: string;
  /** Encounter.participant.type, as the IG's rows write it (PV1-7 a display, the others a text). */
  type: { coding: { system: string; code: string; display?: string }[]; text?: string };
}

/** PV1-7, -8, -9, -17 and -52, in the order of the IG's participant[1] … [5]. */
export const PV1_PARTICIPANTS: readonly Pv1Participant[] = [
  { field: 'PV1-7', target: 'attending-doctor', type: { coding: [{ system: PARTICIPATION, code: 'ATND', display: 'attender' }] } },
  { field: 'PV1-8', target: 'referring-doctor', type: { coding: [{ system: PARTICIPATION, code: 'REF' }], text: 'referrer' } },
  { field: 'PV1-9', target: 'consulting-doctor', type: { coding: [{ system: PARTICIPATION, code: 'CON' }], text: 'consultant' } },
  { field: 'PV1-17', target: 'admitting-doctor', type: { coding: [{ system: PARTICIPATION, code: 'ADM' }], text: 'admitter' } },
  { field: 'PV1-52', target: 'other-healthcare-provider', type: { coding: [{ system: PARTICIPATION, code: 'PART' }], text: 'Participation' } },
];

/** An XCN repetition that names someone: an identifier or a family name (an empty repetition, or one with only a type, names nobody). */
export const namesPerson = (field: string): string => `${field}.1 != null or ${field}.2 != null`;
