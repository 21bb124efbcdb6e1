import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * DT[date]: an HL7 date as a FHIR date, keeping the precision sent. The IG has no table of its
 * own for DT (it writes DT components straight into date elements).
 */
function build() {
  const b = new MapBuilder('DT[date]', 'datatype', hl7Datatype('DT'), fhirType('date'))
    .describe('DT → date', "A FHIR date from an HL7 date (DT): the precision sent is kept (`200611` → `2006-11`); an impossible date such as 20230230 fails (DATE_INVALID).");
  b.set('date', b.fn('date.hl7ToFhirDate', { value: b.src('DT') }, undefined, 'date'));
  return b.build();
}

export const dtDate = build();
