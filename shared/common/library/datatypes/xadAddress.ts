import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { addressType } from '../valueMaps/addressType';
import { addressUse } from '../valueMaps/addressUse';
import { dateInDatatype } from './dateInDatatype';

/**
 * XAD[Address] — IG table "HL7 Data Type - FHIR R4_ XAD[Address] - Sheet1.csv". XAD.1 through
 * SAD[Address] (every part of the street a line), then XAD.2 and XAD.19; XAD.12 through
 * DR[Period] when XAD.13/XAD.14 are empty. Deviations (libraryMaps.ts): XAD.9 is read as sent (an
 * IS county code before v2.6); the XAD.7/XAD.10 extensions are not written.
 */
function build() {
  const b = new MapBuilder('XAD[Address]', 'datatype', hl7Datatype('XAD'), fhirType('Address'))
    .describe('XAD → Address', 'An Address from an extended address (PID-11, NK1-4): lines, city, district, state, postal code, country, use and type (AddressType), validity period.');
  b.set('Address.use', b.map(addressUse.id, b.src('XAD.7'), 'code', 'use'));
  b.set('Address.type', b.map(addressType.id, b.src('XAD.7'), 'code', 'type'));
  // The street's lines first (SAD.1, SAD.2, SAD.3), then the other designation and the addressee.
  b.set('Address', b.call('SAD[Address]', b.src('XAD.1'), 'street'));
  b.set('Address.line', b.src('XAD.2'), 1);
  b.set('Address.line', b.src('XAD.19'), 2);
  b.set('Address.city', b.src('XAD.3'));
  b.set('Address.district', b.src('XAD.9'));
  b.set('Address.state', b.src('XAD.4'));
  b.set('Address.postalCode', b.src('XAD.5'));
  b.set('Address.country', b.src('XAD.6'));
  b.set('Address.period.start', dateInDatatype(b, b.src('XAD.13'), 'effective'));
  b.set('Address.period.end', dateInDatatype(b, b.src('XAD.14'), 'expiration'));
  b.set('Address.period', b.cond('XAD.13 = null and XAD.14 = null', b.call('DR[Period]', b.src('XAD.12'), 'validity-range'), 'if-no-dates'));
  return b.build();
}

export const xadAddress = build();
