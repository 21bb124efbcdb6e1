import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { dateInDatatype } from './dateInDatatype';

/**
 * DR[Period] — IG table "HL7 Data Type - FHIR R4_ DR[Period] - Sheet1.csv": DR.1 start, DR.2
 * end. The IG converts both through DTM[dateTime]; inside a data type (XPN.10, XAD.12) a time
 * without any timezone keeps only its date instead of failing the message.
 */
function build() {
  const b = new MapBuilder('DR[Period]', 'datatype', hl7Datatype('DR'), fhirType('Period'))
    .describe('DR → Period', 'A Period from a date/time range: DR.1 start, DR.2 end.');
  b.set('Period.start', dateInDatatype(b, b.src('DR.1'), 'start'));
  b.set('Period.end', dateInDatatype(b, b.src('DR.2'), 'end'));
  return b.build();
}

export const drPeriod = build();
