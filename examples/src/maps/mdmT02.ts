import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { isDocumentText } from './obxDocumentReference';

/**
 * MDM_T02 — the message map (IG "HL7 Message - FHIR R4_ MDM_T02"): the Patient (PID), the
 * DocumentReference of the TXA with the content of every OBX (TXA[DocumentReference],
 * OBX[DocumentReference]): the text OBX joined, in message order, into one text attachment, each
 * ED or RP an attachment of its own; the Practitioners who wrote and authenticated it.
 */
export function mdmT02(): MapDefinition {
  const b = new MapBuilder('MDM_T02', 'message', hl7Message('MDM_T02'))
    .describe('MDM^T02 → FHIR R4', 'Original document notification and content to the Patient and one DocumentReference holding the document.')
    .accepts({ messages: [{ type: 'MDM', events: ['T02'] }] });
  // Replaying the message writes the same document: it is found by its unique document number
  // (TXA-12) and file name (TXA-16). The Patient is created only when none has one of its
  // identifiers (a document never overwrites demographics); an author is created once.
  const patient = b.target('patient', 'Patient', { method: 'POST', search: [{ name: 'identifier' }] });
  const author = b.target('author', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], sameRecord: 'merge' });
  const authenticator = b.target('authenticator', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], sameRecord: 'merge' });
  b.target('document', 'DocumentReference', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });

  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // TXA-9 authors and TXA-10 the authenticator with an identifier → Practitioners (XCN[Practitioner]).
  b.eachOn(author, 'Practitioner', b.cond('string.trim(TXA-9.1) != null', b.src('TXA-9'), 'author-has-id'));
  b.setOn(author, 'Practitioner', b.call('XCN[Practitioner]', b.src('TXA-9'), 'writer'));
  b.eachOn(authenticator, 'Practitioner', b.cond('string.trim(TXA-10.1) != null', b.src('TXA-10[1]'), 'authenticator-has-id'));
  b.setOn(authenticator, 'Practitioner', b.call('XCN[Practitioner]', b.src('TXA-10[1]'), 'signer'));

  // TXA → DocumentReference[1], of the Patient; its content from the OBX of the message.
  b.set('DocumentReference', b.call('TXA[DocumentReference]', b.src('TXA')));
  b.set('DocumentReference.subject', b.ref(patient));
  // Every text OBX, in order, one document: UTF-8 text as the attachment's base64 data.
  const text = b.fnMany('string.concat', 'values', [b.call('OBX[DocumentReference-text]', b.cond(isDocumentText, b.src('OBX'), 'is-text'), 'text')], 'document-text', { separator: '\n' });
  b.set('DocumentReference.content.attachment.contentType', b.fn('logic.if', { condition: text, then: b.constant('text/plain; charset=utf-8', 'plain-text') }, undefined, 'has-text'));
  b.set('DocumentReference.content.attachment.data', b.fn('string.toBase64', { value: text, encoding: b.constant('A', 'as-text') }, undefined, 'text-data'));
  b.set('DocumentReference', b.call('OBX[DocumentReference]', b.src('OBX'), 'attachments'), 1);
  return b.build();
}
