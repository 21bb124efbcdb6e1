import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0360 degree/license/certificate (XCN.7) → Practitioner.qualification.code (the IG's
 * DegreeLicenseCertificate vocabulary, not in the reference extract): codes are kept in the
 * v2-0360 code system; add entries to translate local codes.
 */
export const degreeLicenseCertificate: ValueMap = {
  id: 'v2-0360-degree',
  name: 'Degree/license/certificate (v2 0360) → qualification code',
  description: 'HL7 v2-to-FHIR IG vocabulary DegreeLicenseCertificate: v2 0360 codes are kept, in the v2-0360 code system.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  targetSystem: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  entries: [],
  unmapped: { kind: 'passthrough' },
};
