import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * DTM[date]: the date part of an HL7 date/time, where the IG maps a DTM to a FHIR date
 * (PID-7 → Patient.birthDate). The IG has no table of its own for it.
 */
function build() {
  const b = new MapBuilder('DTM[date]', 'datatype', hl7Datatype('DTM'), fhirType('date'))
    .describe('DTM → date', "A FHIR date from an HL7 date/time (PID-7 birth date; a TS field is read by its first component): the date part, with the precision sent (`198808` → `1988-08`).");
  b.set('date', b.fn('date.hl7ToFhirDate', { value: b.src('DTM') }, undefined, 'date'));
  return b.build();
}

export const dtmDate = build();
