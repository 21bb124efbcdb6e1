import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { snComparator } from '../valueMaps/snComparator';
import { SN_IS_RATIO } from './snKinds';

/**
 * SN[Ratio] — IG table "HL7 Data Type - FHIR R4_ SN[Ratio] - Sheet1.csv": SN.1 numerator
 * comparator (`=` is none), SN.2 numerator, SN.4 denominator, for an SN whose separator SN.3 is
 * `:` or `/` (a titer such as 1:128). Deviation (libraryMaps.ts): the originalText extension is
 * not written (the Ratio holds the same numbers).
 */
function build() {
  const b = new MapBuilder('SN[Ratio]', 'datatype', hl7Datatype('SN'), fhirType('Ratio'))
    .describe('SN → Ratio', 'A Ratio from a structured numeric ratio (`^1^:^128`): SN.1 comparator and SN.2 numerator, SN.4 denominator.')
    .when(SN_IS_RATIO);
  const numerator = b.fn('number.parse', { value: b.src('SN.2') }, undefined, 'numerator');
  b.set('Ratio.numerator.value', numerator);
  const comparator = b.cond("$in != '=' and number.parse(SN.2) != null", b.fn('string.trim', { value: b.src('SN.1') }, undefined, 'comparator'), 'if-numerator');
  b.set('Ratio.numerator.comparator', b.map(snComparator.id, comparator, 'code', 'quantity-comparator'));
  b.set('Ratio.denominator.value', b.fn('number.parse', { value: b.src('SN.4') }, undefined, 'denominator'));
  return b.build();
}

export const snRatio = build();
