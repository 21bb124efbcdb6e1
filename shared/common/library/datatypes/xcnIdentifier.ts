import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { identifierLinks } from './cxIdentifier';

/**
 * XCN[Identifier]: the identifier rows of the IG's XCN[Practitioner] table (XCN.1 value, XCN.9
 * system or assigner, XCN.11/XCN.12 check digits, XCN.13 type), drawn as CX[Identifier] draws
 * them, so that a Practitioner's identifier and a logical Reference to it (XCN[Reference]) are
 * the same.
 */
function build() {
  const b = new MapBuilder('XCN[Identifier]', 'datatype', hl7Datatype('XCN'), fhirType('Identifier'))
    .describe('XCN → Identifier', "The practitioner's identifier from an extended composite ID and name (PV1-7, OBX-16): value, check digit extensions, system or assigner, type. Nothing when XCN.1 is empty.")
    .when('string.trim(XCN.1) != null');
  identifierLinks(b, { value: 'XCN.1', checkDigit: 'XCN.11', checkDigitScheme: 'XCN.12', assigningAuthority: 'XCN.9', type: 'XCN.13' });
  return b.build();
}

export const xcnIdentifier = build();
