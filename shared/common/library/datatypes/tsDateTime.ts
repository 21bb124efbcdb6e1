import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * TS[dateTime] — IG table "HL7 Data Type - FHIR R4_ TS[dateTime] - Sheet1.csv": TS.1 through
 * DTM[dateTime] (TS.2, degree of precision, is not mapped by the IG either).
 */
function build() {
  const b = new MapBuilder('TS[dateTime]', 'datatype', hl7Datatype('TS'), fhirType('dateTime'))
    .describe('TS → dateTime', "A FHIR dateTime from an HL7 time stamp (v2.5 and before): TS.1 through DTM[dateTime]; TS.2, the degree of precision, is left out as the IG does.");
  b.set('dateTime', b.call('DTM[dateTime]', b.src('TS.1'), 'time'));
  return b.build();
}

export const tsDateTime = build();
