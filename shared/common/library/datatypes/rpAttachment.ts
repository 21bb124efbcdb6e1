import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { mimeType } from '../valueMaps/mimeType';

/**
 * RP[Attachment] — IG table "HL7 Data Type - FHIR R4_ RP[Attachment] - Sheet1.csv": RP.1 (the
 * pointer) the url. Deviation (libraryMaps.ts): the content type is the MIME type of the RP.4
 * subtype (v2-0291 → MIME), where the IG writes RP.3 "/" RP.4 (`SD/PICT`), which is no MIME type.
 */
function build() {
  const b = new MapBuilder('RP[Attachment]', 'datatype', hl7Datatype('RP'), fhirType('Attachment'))
    .describe('RP → Attachment', 'An Attachment that points at data stored elsewhere (OBX-5 when OBX-2 is RP): RP.1 as its url, the MIME type of the RP.4 subtype.');
  b.set('Attachment.url', b.fn('string.trim', { value: b.src('RP.1') }, undefined, 'url'));
  b.set('Attachment.contentType', b.map(mimeType.id, b.src('RP.4'), 'code', 'mime-type'));
  return b.build();
}

export const rpAttachment = build();
