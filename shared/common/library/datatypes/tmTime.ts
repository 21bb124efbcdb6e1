import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * TM[time]: an HL7 time of day as a FHIR time (OBX-5 when OBX-2 is TM: the IG's row writes
 * valueTime with no table of its own). FHIR time has no timezone, so an offset sent is dropped;
 * minutes and seconds not sent become 00; an impossible time (2460) fails (DATE_INVALID).
 */
function build() {
  const b = new MapBuilder('TM[time]', 'datatype', hl7Datatype('TM'), fhirType('time'))
    .describe('TM → time', 'A FHIR time from an HL7 time (`0830` → 08:30:00); the offset, which FHIR time cannot hold, is dropped.');
  b.set('time', b.fn('date.hl7ToFhirTime', { value: b.src('TM') }, undefined, 'time'));
  return b.build();
}

export const tmTime = build();
