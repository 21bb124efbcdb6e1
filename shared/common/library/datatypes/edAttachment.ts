import { MapBuilder, fhirType, hl7Datatype, type From } from '../../mapping/build/MapBuilder';
import { mimeType } from '../valueMaps/mimeType';

const ALTERNATE_CODES = 'http://hl7.org/fhir/StructureDefinition/alternate-codes';

/**
 * ED[Attachment] — IG table "HL7 Data Type - FHIR R4_ ED[Attachment] - Sheet1.csv": ED.3 the
 * content type, ED.5 the data converted to base64 by its encoding ED.4 (string.toBase64: Base64
 * kept, Hex and A encoded), ED.2 in the alternate-codes extension when there is no ED.3.
 * Deviations (libraryMaps.ts): the content type is the MIME type of the ED.3 subtype (v2-0291 →
 * MIME), not ED.3 as sent, and application/octet-stream when there is data of no known subtype
 * (FHIR requires a content type with data); the extension URL is http, as FHIR canonicals are.
 */
function build() {
  const b = new MapBuilder('ED[Attachment]', 'datatype', hl7Datatype('ED'), fhirType('Attachment'))
    .describe('ED → Attachment', 'An Attachment from encapsulated data (OBX-5 when OBX-2 is ED): the MIME type of the ED.3 subtype, and ED.5 as base64 whatever its ED.4 encoding (Base64, Hex, A).');
  const data = b.src('ED.5');
  b.set('Attachment.data', b.fn('string.toBase64', { value: data, encoding: b.src('ED.4') }, undefined, 'data'));
  const octetStream = b.cond('ED.5 != null', b.constant('application/octet-stream', 'octet-stream'), 'if-data');
  b.set('Attachment.contentType', b.fnMany('logic.coalesce', 'values', [b.map(mimeType.id, b.src('ED.3'), 'code', 'mime-type'), octetStream], 'content-type'));
  // Without a subtype, the type of data (ED.2, table 0191: AP, IM, TEXT …) is kept as an alternate code.
  const typeOnly = (value: From, stem: string) => b.cond('ED.3 = null and ED.2 != null', value, stem);
  b.set('Attachment.extension.url', typeOnly(b.constant(ALTERNATE_CODES, 'alternate-codes'), 'if-type-only'));
  b.set('Attachment.extension.value[x]:valueCodeableConcept.coding.system', typeOnly(b.constant('http://terminology.hl7.org/CodeSystem/v2-0191', 'v2-0191'), 'if-type-only-system'));
  b.set('Attachment.extension.value[x]:valueCodeableConcept.coding.code', typeOnly(b.src('ED.2'), 'if-type-only-code'));
  return b.build();
}

export const edAttachment = build();
