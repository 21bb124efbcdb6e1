import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CNN[Reference]: a logical Reference to the practitioner a composite ID number and name names
 * (NDL.1 of OBR-32/34/35): CNN.1 as the identifier and a display "prefix given middle family
 * suffix degree" (CNN.6 .3 .4 .2 .5 .7), as XCN[Reference] writes it. The IG's CNN[Practitioner]
 * makes a Practitioner of the same parts; the assigning authority (CNN.9–11) has only
 * "extension??" placeholders there and is not written.
 */
function build() {
  const b = new MapBuilder('CNN[Reference]', 'datatype', hl7Datatype('CNN'), fhirType('Reference'))
    .describe('CNN → Reference (practitioner)', 'A logical Reference to a practitioner from a composite ID number and name (NDL.1): identifier and display name.')
    .when('string.trim(CNN.1) != null or string.trim(CNN.2) != null');
  b.set('Reference.identifier.value', b.fn('string.trim', { value: b.src('CNN.1') }, undefined, 'id'));
  b.set('Reference.display', b.fnMany('string.concat', 'values', ['CNN.6', 'CNN.3', 'CNN.4', 'CNN.2', 'CNN.5', 'CNN.7'].map((p) => b.src(p)), 'display', { separator: ' ' }));
  return b.build();
}

export const cnnReference = build();
