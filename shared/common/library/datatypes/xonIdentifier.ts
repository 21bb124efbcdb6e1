import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { identifierLinks } from './cxIdentifier';

/**
 * XON[Identifier]: the identifier rows of the IG's XON[Organization] table (XON.10, else XON.3,
 * the value; XON.4/XON.5 check digits; XON.6 system or assigner; XON.7 type), drawn as
 * CX[Identifier] draws them.
 */
function build() {
  const b = new MapBuilder('XON[Identifier]', 'datatype', hl7Datatype('XON'), fhirType('Identifier'))
    .describe('XON → Identifier', "An organization's identifier from an extended composite name and ID (OBX-23): XON.10, else XON.3, with check digits, system or assigner, type. Nothing when both are empty.")
    .when('string.trim(XON.10) != null or string.trim(XON.3) != null');
  const value = b.fnMany('logic.coalesce', 'values', [b.fn('string.trim', { value: b.src('XON.10') }, undefined, 'organization-identifier'), b.src('XON.3')], 'id');
  identifierLinks(b, { value, checkDigit: 'XON.4', checkDigitScheme: 'XON.5', assigningAuthority: 'XON.6', type: 'XON.7' });
  return b.build();
}

export const xonIdentifier = build();
