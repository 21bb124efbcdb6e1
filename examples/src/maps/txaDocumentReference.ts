import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { documentConfidentialityStatus } from '../../../shared/common/library/valueMaps';
import { documentCompletionStatus, documentStatus } from './documentStatus';
import { xcnActor } from './xcnActor';

/**
 * TXA[DocumentReference] (IG "HL7 Segment - FHIR R4_ TXA[DocumentReference]"): the document's
 * status (TXA-19, `current` when none is sent) and completion (TXA-17), type (TXA-2), when it was
 * written (TXA-6), its unique number (TXA-12) and file name (TXA-16), confidentiality (TXA-18),
 * title (TXA-25), its authors (TXA-9) and authenticator (TXA-10): the Practitioner of their
 * identifier (targets `author`, `authenticator`), or without one a reference naming them.
 */
export function txaDocumentReference(): MapDefinition {
  const b = new MapBuilder('TXA[DocumentReference]', 'segment', hl7Segment('TXA'), fhirResource('DocumentReference'))
    .describe('TXA → DocumentReference', 'The document notification of an MDM message, as the IG\'s TXA[DocumentReference] map says.');
  b.set('DocumentReference.status', b.fnMany('logic.coalesce', 'values', [b.map(documentStatus.id, b.src('TXA-19'), 'code', 'availability'), b.constant('current', 'current')], 'status'));
  // CA, OB, UN (and a local code): the v2 code stays beside the status, in the alternate-codes extension (IG).
  const notAvailable = "TXA-19 != null and TXA-19 != 'AV'";
  b.set('DocumentReference.status.extension.url', b.cond(notAvailable, b.constant('http://hl7.org/fhir/StructureDefinition/alternate-codes', 'alternate-codes'), 'not-available'));
  b.set('DocumentReference.status.extension.value[x]:valueCodeableConcept.coding.system', b.cond(notAvailable, b.constant('http://terminology.hl7.org/CodeSystem/v2-0275', 'v2-0275'), 'not-available-system'));
  b.set('DocumentReference.status.extension.value[x]:valueCodeableConcept.coding.code', b.cond(notAvailable, b.src('TXA-19'), 'not-available-code'));
  b.set('DocumentReference.docStatus', b.map(documentCompletionStatus.id, b.src('TXA-17'), 'code', 'completion'));
  b.set('DocumentReference.type', b.call('CWE[CodeableConcept]', b.src('TXA-2'), 'document-type'));
  // TXA-6 → date (an instant) when it has a time; a date alone has no FHIR R4 element (the IG's is R6's).
  b.set('DocumentReference.date', b.call('DTM[instant]', b.cond('string.length(TXA-6) > 8', b.src('TXA-6'), 'has-time'), 'originated'));
  b.set('DocumentReference.masterIdentifier', b.call('EI[Identifier]', b.src('TXA-12'), 'unique-number'));
  b.set('DocumentReference.identifier.value', b.fn('string.trim', { value: b.src('TXA-16') }, undefined, 'file-name'));
  b.set('DocumentReference.securityLabel.coding', b.map(documentConfidentialityStatus.id, b.src('TXA-18'), 'coding', 'confidentiality'));
  // A code outside 0272 is labelled very restricted (the value map); the code sent stays as the label's text.
  b.set('DocumentReference.securityLabel.text', b.cond("TXA-18 != 'V' and TXA-18 != 'R' and TXA-18 != 'U'", b.src('TXA-18'), 'local-confidentiality'));
  b.set('DocumentReference.description', b.fn('string.trim', { value: b.src('TXA-25') }, undefined, 'title'));

  b.each('DocumentReference.author', b.cond('TXA-9.1 != null or TXA-9.2 != null', b.src('TXA-9'), 'names-author'));
  xcnActor(b, 'DocumentReference.author', 'TXA-9', 'author', 'author');
  xcnActor(b, 'DocumentReference.authenticator', 'TXA-10[1]', 'authenticator', 'authenticator');
  return b.build();
}
