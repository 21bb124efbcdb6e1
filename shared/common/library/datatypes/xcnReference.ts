import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * XCN[Reference]: a logical Reference to a practitioner, for a mapping that does not create
 * Practitioner resources (XCN[Practitioner] is the IG's map): the identifier through
 * XCN[Identifier] and a display "prefix given middle family suffix degree" (XCN.6 .3 .4 .2.1 .5
 * .7), as datatype.referenceFromXcn did.
 */
function build() {
  const b = new MapBuilder('XCN[Reference]', 'datatype', hl7Datatype('XCN'), fhirType('Reference'))
    .describe('XCN → Reference (practitioner)', 'A logical Reference to a practitioner (PV1-7, OBX-16): its identifier and a display name.');
  b.set('Reference.identifier', b.call('XCN[Identifier]', b.src('XCN'), 'identifier'));
  b.set('Reference.display', b.fnMany('string.concat', 'values', ['XCN.6', 'XCN.3', 'XCN.4', 'XCN.2.1', 'XCN.5', 'XCN.7'].map((p) => b.src(p)), 'display', { separator: ' ' }));
  return b.build();
}

export const xcnReference = build();
