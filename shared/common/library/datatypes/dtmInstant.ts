import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * DTM[instant]: an HL7 date/time where the IG maps it to a FHIR instant (MSH-7 → Bundle or
 * Provenance times; the IG notes MSH-7 may lack the offset an instant needs). The IG has no
 * table of its own for it.
 */
function build() {
  const b = new MapBuilder('DTM[instant]', 'datatype', hl7Datatype('DTM'), fhirType('instant'))
    .describe('DTM → instant', "A FHIR instant from an HL7 date/time with at least a time (MSH-7): minutes and seconds not sent become 00, the timezone comes from the value, else MSH-7, else the mapping's default; a date alone fails (DATE_NOT_INSTANT).");
  b.set('instant', b.fn('date.hl7ToFhirInstant', { value: b.src('DTM') }, undefined, 'instant'));
  return b.build();
}

export const dtmInstant = build();
