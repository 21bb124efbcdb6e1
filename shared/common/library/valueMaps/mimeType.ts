import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0291 (subtype of referenced data: ED.3, RP.4) → the MIME type FHIR's
 * Attachment.contentType requires (BCP 13). The IG writes ED.3 itself, or RP.3 "/" RP.4, which
 * give `Octet-stream` or `SD/PICT`: not MIME types. The subtype decides the MIME type; a subtype
 * this table does not know gives no contentType (ED[Attachment] then says
 * application/octet-stream when it carries data, since FHIR requires a contentType with data).
 */
export const mimeType: ValueMap = {
  id: 'v2-0291-mime-type',
  name: 'Subtype of referenced data (v2 0291) → MIME type',
  description: 'For Attachment.contentType from ED.3 or RP.4.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0291',
  targetSystem: 'urn:ietf:bcp:13',
  entries: [
    { source: 'BASIC', target: 'audio/basic', comment: 'Table 0291: ISDN PCM audio data.' },
    { source: 'DICOM', target: 'application/dicom' },
    { source: 'GIF', target: 'image/gif' },
    { source: 'HTML', target: 'text/html' },
    { source: 'JPEG', target: 'image/jpeg' },
    { source: 'Octet-stream', target: 'application/octet-stream' },
    { source: 'PDF', target: 'application/pdf', comment: 'Not in table 0291 before v2.7, but what senders write for PDF documents.' },
    { source: 'PICT', target: 'image/x-pict', comment: 'PICT has no registered MIME type; image/x-pict is the one in use.' },
    { source: 'PNG', target: 'image/png', comment: 'Sent by many senders, though not in table 0291.' },
    { source: 'PostScript', target: 'application/postscript' },
    { source: 'RTF', target: 'application/rtf' },
    { source: 'SGML', target: 'text/sgml' },
    { source: 'TIFF', target: 'image/tiff' },
    { source: 'XML', target: 'application/xml' },
    { source: 'x-hl7-cda-level-one', target: 'application/xml', comment: 'A CDA document is XML; no MIME type of its own is registered.' },
  ],
  unmapped: { kind: 'empty' },
};
