import { MapBuilder, fhirResource, fhirType, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** True for an OBX whose value is text of the document (an expression over the current OBX). */
export const isDocumentText = "OBX-2 = 'TX' or OBX-2 = 'FT' or OBX-2 = 'ST'";

/**
 * The OBX-2 value types the MDM example reads as the document's content (IG OBX[DocumentReference]
 * rows), each with where it goes. Its unmapped policy is `error`: a part of a document of any
 * other type fails the message rather than a document arriving without it.
 */
export const documentValueTypes: ValueMap = {
  id: 'v2-0125-document-content',
  name: 'Value type (v2 0125) → DocumentReference content the OBX maps write',
  description: 'Which OBX-2 value types of an MDM message become the document\'s content, and how. A type not listed fails the message rather than losing that part of the document.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0125',
  entries: [
    { source: 'TX', target: 'content.attachment.data', comment: 'Text, every OBX of text joined in message order into one text/plain attachment; formatting decoded, each repetition a line.' },
    { source: 'FT', target: 'content.attachment.data', comment: 'As TX (the IG keeps FT as text/hl7v2 with its formatting commands; here they are decoded into the one text).' },
    { source: 'ST', target: 'content.attachment.data', comment: 'Not in the IG OBX[DocumentReference] rows: text, joined with the TX and FT text as sent.' },
    { source: 'ED', target: 'content.attachment', comment: 'ED[Attachment]: one content per ED, its data as base64 and its MIME type.' },
    { source: 'RP', target: 'content.attachment.url', comment: 'RP[Attachment]: one content per RP, the pointer as url.' },
    { source: 'HD', target: 'context.related', comment: 'Not in the IG rows: a DICOM study instance UID (OBX-3 113014 DCM) names the study the document is about, as a logical reference.' },
  ],
  unmapped: { kind: 'error' },
};

/**
 * OBX[DocumentReference-text]: the text one OBX of an MDM message adds to the document: every
 * repetition a line, TX and FT formatting decoded (`\.br\` a line break), ST as sent.
 */
export function obxDocumentText(): MapDefinition {
  const b = new MapBuilder('OBX[DocumentReference-text]', 'segment', hl7Segment('OBX'), fhirType('string'))
    .describe('OBX → document text', 'The text of one OBX of a document: its lines, formatting decoded.')
    .when(isDocumentText);
  b.set('string', b.cond("OBX-2 = 'ST'", b.fn('string.formattedText', { value: b.src('OBX-5') }, { commands: false }, 'lines'), 'is-ST'));
  b.set('string', b.cond("OBX-2 = 'TX' or OBX-2 = 'FT'", b.fn('string.formattedText', { value: b.src('OBX-5') }, undefined, 'formatted'), 'is-formatted'), 1);
  return b.build();
}

/**
 * OBX[DocumentReference] (IG "HL7 Segment - FHIR R4_ OBX[DocumentReference]"), for the OBX that
 * are not text: an ED is a content of its own (ED[Attachment]: the data as base64, its MIME type),
 * (without its data, an attachment that says its data is unknown), an RP one with the pointer as
 * url (RP[Attachment]); an HD (a DICOM study instance UID) names
 * the study the document is about (context.related, a logical reference). Any other type fails the
 * message (documentValueTypes).
 */
export function obxDocumentReference(): MapDefinition {
  const b = new MapBuilder('OBX[DocumentReference]', 'segment', hl7Segment('OBX'), fhirResource('DocumentReference'))
    .describe('OBX → DocumentReference content', 'One attachment (ED, RP) or related study (HD) of a document, from its OBX.');
  b.set('DocumentReference.content.attachment', b.call('ED[Attachment]', b.cond("OBX-2 = 'ED'", b.src('OBX-5'), 'is-ED'), 'ED'));
  b.set('DocumentReference.content.attachment', b.call('RP[Attachment]', b.cond("OBX-2 = 'RP'", b.src('OBX-5'), 'is-RP'), 'RP'));
  // An ED sent without its data (ED.5): the document says a part of it is missing rather than lose it silently.
  b.set('DocumentReference.content.attachment.extension', b.cond("OBX-2 = 'ED' and OBX-5.5 = null", b.constant({ url: DATA_ABSENT_REASON, valueCode: 'unknown' }, 'data-unknown'), 'ED-without-data'));
  const study = "OBX-2 = 'HD' and OBX-3.1 = '113014' and OBX-3.3 = 'DCM'";
  b.set('DocumentReference.context.related.type', b.cond(study, b.constant('ImagingStudy', 'imaging-study'), 'is-study'));
  b.set('DocumentReference.context.related.identifier.system', b.cond(study, b.constant('urn:dicom:uid', 'dicom-uid'), 'is-study-uid'));
  const uid = b.fnMany('logic.coalesce', 'values', [b.fn('string.trim', { value: b.src('OBX-5.2') }, undefined, 'universal-id'), b.fn('string.trim', { value: b.src('OBX-5.1') }, undefined, 'namespace-id')], 'uid');
  b.set('DocumentReference.context.related.identifier.value', b.cond(study, b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn-oid'), uid], 'study-uid'), 'study-identifier'));
  b.set('DocumentReference.context.related.identifier.value', b.cond(`OBX-2 = 'HD' and not (${study})`, uid, 'other-identifier'), 1);
  // Any other type fails rather than vanishing (documentValueTypes' policy is error); the check
  // writes nothing, and fails where that part of the document would be, so that with valueErrors
  // "absent" the document says a part of it is missing.
  b.set('DocumentReference.content.attachment', b.cond('$in = null', b.map(documentValueTypes.id, b.cond('OBX-5 != null', b.src('OBX-2'), 'has-value'), 'coding', 'value-type'), 'type-is-mapped'), 1);
  return b.build();
}
