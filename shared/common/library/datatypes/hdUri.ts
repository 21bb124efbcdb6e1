import { MapBuilder, fhirType, hl7Datatype, type From } from '../../mapping/build/MapBuilder';

/**
 * A system URI from a universal id and its type (HD.2/HD.3 of an HD; EI.3/EI.4 of an EI, whose
 * components 2–4 are an HD laid flat): ISO and an OID → `urn:oid:`, UUID and a UUID → `urn:uuid:`
 * (lower case), URI and no white space → as sent; nothing otherwise.
 */
export function universalIdUri(b: MapBuilder, p: { universalId: string; universalIdType: string }): From {
  const { universalId: id, universalIdType: type } = p;
  const oid = b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn-oid'), b.src(id)], 'oid-urn');
  const uuid = b.fnMany('string.concat', 'values', [b.constant('urn:uuid:', 'urn-uuid'), b.fn('string.lowerCase', { value: b.src(id) }, undefined, 'uuid-lower-case')], 'uuid-urn');
  return b.fnMany('logic.coalesce', 'values', [
    b.cond(`string.upperCase(${type}) = 'ISO' and code.isOid(${id})`, oid, 'if-iso-oid'),
    b.cond(`string.upperCase(${type}) = 'URI' and code.isUri(${id})`, b.src(id), 'if-uri'),
    b.cond(`string.upperCase(${type}) = 'UUID' and code.isUuid(${id})`, uuid, 'if-uuid'),
  ], 'uri');
}

/**
 * HD[uri] — IG table "HL7 Data Type - FHIR R4_ HD[uri] - Sheet1.csv". Deviations (listed in
 * libraryMaps.ts): HD.1, a namespace such as MRN or a facility mnemonic, is not a URI and is not
 * written (CX[Identifier] gives it as assigner.display); HD.2 becomes the uri only when HD.3 says
 * what it is and it has that form (universalIdUri).
 */
function build() {
  const b = new MapBuilder('HD[uri]', 'datatype', hl7Datatype('HD'), fhirType('uri'))
    .describe('HD → uri', 'The system URI named by a hierarchic designator: an ISO OID (urn:oid:), a UUID (urn:uuid:) or a URI in HD.2, as HD.3 says; nothing for a bare namespace (HD.1).');
  b.set('uri', universalIdUri(b, { universalId: 'HD.2', universalIdType: 'HD.3' }));
  return b.build();
}

export const hdUri = build();
