import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * HD[uri] — IG table "HL7 Data Type - FHIR R4_ HD[uri] - Sheet1.csv". Deviations (listed in
 * libraryMaps.ts): HD.1, a namespace such as MRN or a facility mnemonic, is not a URI and is not
 * written (CX[Identifier] gives it as assigner.display); HD.2 becomes the uri only when HD.3 says
 * what it is and it has that form: ISO and an OID → urn:oid:, UUID and a UUID → urn:uuid: (lower
 * case), URI and no white space → as sent.
 */
function build() {
  const b = new MapBuilder('HD[uri]', 'datatype', hl7Datatype('HD'), fhirType('uri'))
    .describe('HD → uri', 'The system URI named by a hierarchic designator: an ISO OID (urn:oid:), a UUID (urn:uuid:) or a URI in HD.2, as HD.3 says; nothing for a bare namespace (HD.1).');
  const oid = b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn-oid'), b.src('HD.2')], 'oid-urn');
  b.set('uri', b.cond("string.upperCase(HD.3) = 'ISO' and code.isOid(HD.2)", oid, 'if-iso-oid'));
  b.set('uri', b.cond("string.upperCase(HD.3) = 'URI' and code.isUri(HD.2)", b.src('HD.2'), 'if-uri'));
  const uuid = b.fnMany('string.concat', 'values', [b.constant('urn:uuid:', 'urn-uuid'), b.fn('string.lowerCase', { value: b.src('HD.2') }, undefined, 'uuid-lower-case')], 'uuid-urn');
  b.set('uri', b.cond("string.upperCase(HD.3) = 'UUID' and code.isUuid(HD.2)", uuid, 'if-uuid'));
  return b.build();
}

export const hdUri = build();
