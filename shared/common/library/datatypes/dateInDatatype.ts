import type { From, MapBuilder } from '../../mapping/build/MapBuilder';

/**
 * A date inside a data type (CX.7, XPN.12, XAD.13, XTN.13, DR.1): a time keeps its timezone or
 * takes MSH-7's, else the bundle's default; without any only the date is kept, so the validity period of
 * an identifier or a name never fails a whole message (as datatype.* did, functions/README.md).
 */
export function dateInDatatype(b: MapBuilder, value: From, stem: string): From {
  return b.fn('date.hl7ToFhirDateTime', { value }, { withoutTimezone: 'date' }, stem);
}
