import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * HD[Reference]: a logical reference to the organization a hierarchic designator names (CX.4,
 * XCN.9 assigning authority), its namespace (HD.1) as the display. The IG maps these HDs to an
 * Organization resource (HD[Organization]); this is the Reference a mapping writes where it does
 * not create Organization resources (as datatype.identifierFromCx did).
 */
function build() {
  const b = new MapBuilder('HD[Reference]', 'datatype', hl7Datatype('HD'), fhirType('Reference'))
    .describe('HD → Reference (organization)', 'A Reference whose display is the namespace (HD.1) of an assigning authority.');
  b.set('Reference.display', b.src('HD.1'));
  return b.build();
}

export const hdReference = build();
