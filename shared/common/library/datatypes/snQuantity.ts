import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { snComparator } from '../valueMaps/snComparator';
import { SN_IS_QUANTITY } from './snKinds';

/**
 * SN[Quantity] — IG table "HL7 Data Type - FHIR R4_ SN[Quantity] - Sheet1.csv": SN.1 comparator
 * (`=` is none), SN.2 value; only for an SN that is one number (no separator in SN.3) and has
 * one. The unit comes from the units field through CWE[Quantity]. Deviation (libraryMaps.ts):
 * the originalText extension is not written (only an SN with SN.3/SN.4 would get it, and those
 * are ranges and ratios).
 */
function build() {
  const b = new MapBuilder('SN[Quantity]', 'datatype', hl7Datatype('SN'), fhirType('Quantity'))
    .describe('SN → Quantity', 'A Quantity from a structured numeric that is one number (`>^90`): comparator and value.')
    .when(`${SN_IS_QUANTITY} and number.parse(SN.2) != null`);
  const comparator = b.cond("$in != '='", b.fn('string.trim', { value: b.src('SN.1') }, undefined, 'comparator'), 'if-not-equals');
  b.set('Quantity.comparator', b.map(snComparator.id, comparator, 'code', 'quantity-comparator'));
  b.set('Quantity.value', b.fn('number.parse', { value: b.src('SN.2') }, undefined, 'value'));
  return b.build();
}

export const snQuantity = build();
