import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * DTM[dateTime] — IG table "HL7 Data Type - FHIR R4_ DTM[dateTime] - Sheet1.csv": the v2
 * format converted to FHIR's (date.hl7ToFhirDateTime), keeping the precision that was sent.
 */
function build() {
  const b = new MapBuilder('DTM[dateTime]', 'datatype', hl7Datatype('DTM'), fhirType('dateTime'))
    .describe('DTM → dateTime', "A FHIR dateTime from an HL7 date/time (OBX-14, OBR-7; a TS field is read by its first component): the precision sent is kept, a time takes its own timezone, else MSH-7's, else the mapping's default, and without any the message fails (DATE_NO_TIMEZONE).");
  b.set('dateTime', b.fn('date.hl7ToFhirDateTime', { value: b.src('DTM') }, undefined, 'dateTime'));
  return b.build();
}

export const dtmDateTime = build();
