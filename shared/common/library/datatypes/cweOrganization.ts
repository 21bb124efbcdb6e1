import { MapBuilder, fhirResource, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CWE[Organization] — IG table "HL7 Data Type - FHIR R4_ CWE[Organization] - Sheet1.csv": an
 * organization named by a code (RXA-17 vaccine manufacturer, an MVX code): CWE.1 the identifier's
 * value, CWE.3 its system (the coding system name as a URI, code.systemUri: MVX →
 * http://terminology.hl7.org/CodeSystem/MVX; none for a local name), CWE.2 the name, else the
 * original text CWE.9.
 */
function build() {
  const b = new MapBuilder('CWE[Organization]', 'datatype', hl7Datatype('CWE'), fhirResource('Organization'))
    .describe('CWE → Organization', 'An Organization from a coded element (RXA-17 manufacturer): the code as its identifier (system from the coding system), the text as its name.')
    .when('string.trim(CWE.1) != null or string.trim(CWE.2) != null or string.trim(CWE.9) != null');
  b.set('Organization.identifier.value', b.fn('string.trim', { value: b.src('CWE.1') }, undefined, 'code'));
  b.set('Organization.identifier.system', b.fn('code.systemUri', { name: b.src('CWE.3') }, undefined, 'system'));
  b.set('Organization.name', b.fnMany('logic.coalesce', 'values', [b.fn('string.trim', { value: b.src('CWE.2') }, undefined, 'text'), b.fn('string.trim', { value: b.src('CWE.9') }, undefined, 'original-text')], 'name'));
  return b.build();
}

export const cweOrganization = build();
