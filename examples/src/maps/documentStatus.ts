import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

/**
 * HL7 table 0275 document availability status (TXA-19) → DocumentReference.status. The IG's
 * TXA[DocumentReference] gives `current` for AV (and for none sent) and keeps CA, OB and UN only
 * as alternate codes on a status it leaves empty, which FHIR requires; each gets the status that
 * says what it means (the entry's comment says why), and the alternate code stays beside it. A
 * local code is `current`, as when none is sent, its code kept beside it the same way.
 */
export const documentStatus: ValueMap = {
  id: 'v2-0275-document-status',
  name: 'Document availability status (v2 0275) → DocumentReference status',
  description: 'Whether the document is the current one, replaced, or withdrawn.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0275',
  targetSystem: 'http://hl7.org/fhir/document-reference-status',
  entries: [
    { source: 'AV', target: 'current', display: 'Current', comment: 'IG: available for patient care is the current document.' },
    { source: 'CA', target: 'entered-in-error', display: 'Entered in Error', comment: 'Not in the IG (alternate code only). Deleted: the document must no longer be used, which FHIR says as entered-in-error.' },
    { source: 'OB', target: 'superseded', display: 'Superseded', comment: 'Not in the IG (alternate code only). Obsolete: replaced by a newer version, which is superseded.' },
    { source: 'UN', target: 'current', display: 'Current', comment: 'Not in the IG (alternate code only). Unavailable for patient care: still the current version of the document (FHIR has no status for it); the alternate code UN beside it says it is not for patient care.' },
  ],
  unmapped: { kind: 'default', code: 'current', display: 'Current' },
};

/**
 * HL7 table 0271 document completion status (TXA-17) → DocumentReference.docStatus (required
 * binding composition-status). The IG writes TXA-17 as a code (ID[code]), which the binding
 * refuses (AU, LA are no composition-status codes); each maps to the state it is in.
 */
export const documentCompletionStatus: ValueMap = {
  id: 'v2-0271-document-completion',
  name: 'Document completion status (v2 0271) → DocumentReference docStatus',
  description: 'How far the document is: dictated, in progress, authenticated…',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0271',
  targetSystem: 'http://hl7.org/fhir/composition-status',
  entries: [
    { source: 'AU', target: 'final', display: 'Final', comment: 'Authenticated: signed by the author, the final document.' },
    { source: 'LA', target: 'final', display: 'Final', comment: 'Legally authenticated: signed, final.' },
    { source: 'DI', target: 'preliminary', display: 'Preliminary', comment: 'Dictated, not yet transcribed.' },
    { source: 'DO', target: 'preliminary', display: 'Preliminary', comment: 'Documented, not yet authenticated.' },
    { source: 'IN', target: 'preliminary', display: 'Preliminary', comment: 'Incomplete.' },
    { source: 'IP', target: 'preliminary', display: 'Preliminary', comment: 'In progress.' },
    { source: 'PA', target: 'preliminary', display: 'Preliminary', comment: 'Pre-authenticated: awaiting the author\'s signature.' },
  ],
  unmapped: { kind: 'empty' },
};
