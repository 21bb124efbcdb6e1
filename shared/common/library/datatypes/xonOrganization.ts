import { MapBuilder, fhirResource, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * XON[Organization] — IG table "HL7 Data Type - FHIR R4_ XON[Organization] - Sheet1.csv": XON.1
 * the name, the identifier through XON[Identifier]. The name type (XON.2) and assigning facility
 * (XON.8) have no FHIR element in the table (only "extension??" placeholders).
 */
function build() {
  const b = new MapBuilder('XON[Organization]', 'datatype', hl7Datatype('XON'), fhirResource('Organization'))
    .describe('XON → Organization', 'An Organization from an extended composite name and ID (OBX-23 performing organization): its name and identifier.')
    .when('string.trim(XON.1) != null or string.trim(XON.10) != null or string.trim(XON.3) != null');
  b.set('Organization.name', b.fn('string.trim', { value: b.src('XON.1') }, undefined, 'name'));
  b.set('Organization.identifier', b.call('XON[Identifier]', b.src('XON'), 'identifier'));
  return b.build();
}

export const xonOrganization = build();
