import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * NDL[Reference]: a logical Reference to the practitioner of a name with date and location
 * (OBR-32 principal result interpreter, OBR-34 technician, OBR-35 transcriptionist): NDL.1, a CNN
 * whose parts are subcomponents, through CNN[Reference]. The IG's NDL[PractitionerRole] also
 * writes the role's period (NDL.2, NDL.3) and locations (NDL.4–11); a Reference holds neither.
 */
function build() {
  const b = new MapBuilder('NDL[Reference]', 'datatype', hl7Datatype('NDL'), fhirType('Reference'))
    .describe('NDL → Reference (practitioner)', 'A logical Reference to the practitioner of OBR-32/34/35 (NDL.1, a composite ID number and name): identifier and display name.');
  b.set('Reference', b.call('CNN[Reference]', b.src('NDL.1'), 'practitioner'));
  return b.build();
}

export const ndlReference = build();
