import { MapBuilder, fhirResource, hl7Datatype } from '../../mapping/build/MapBuilder';
import { degreeLicenseCertificate } from '../valueMaps/degreeLicenseCertificate';

/**
 * XCN[Practitioner] — IG table "HL7 Data Type - FHIR R4_ XCN[Practitioner] - Sheet1.csv": the
 * identifier through XCN[Identifier], the name through XCN[HumanName], XCN.7 degree as the
 * qualification (DegreeLicenseCertificate). Deviations (libraryMaps.ts): XCN.18 assembly order
 * is not written; XCN.9 is the system only when it names one, else the assigner; the type keeps
 * its v2-0203 system.
 */
function build() {
  const b = new MapBuilder('XCN[Practitioner]', 'datatype', hl7Datatype('XCN'), fhirResource('Practitioner'))
    .describe('XCN → Practitioner', 'A Practitioner from an extended composite ID and name (PV1-7 attending doctor, OBX-16 responsible observer): identifier, name, degree.');
  b.set('Practitioner.identifier', b.call('XCN[Identifier]', b.src('XCN'), 'identifier'));
  b.set('Practitioner.name', b.call('XCN[HumanName]', b.src('XCN'), 'name'));
  b.set('Practitioner.qualification.code.coding', b.map(degreeLicenseCertificate.id, b.fn('string.trim', { value: b.src('XCN.7') }, undefined, 'degree-code'), 'coding', 'degree'));
  return b.build();
}

export const xcnPractitioner = build();
