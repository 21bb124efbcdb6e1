import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * SAD[Address] — IG table "HL7 Data Type - FHIR R4_ SAD[Address] - Sheet1.csv": every part of a
 * street address is a line, SAD.1 (street or mailing address), SAD.2 (street name), SAD.3
 * (dwelling number), so `1000&Hospital Lane` keeps the street. A sender that repeats the parts of
 * SAD.1 in SAD.2 and SAD.3 gets them as lines again, as the IG writes it.
 */
function build() {
  const b = new MapBuilder('SAD[Address]', 'datatype', hl7Datatype('SAD'), fhirType('Address'))
    .describe('SAD → Address lines', 'The street address part of an extended address (XAD.1): street or mailing address, street name and dwelling number, each a line.');
  b.set('Address.line', b.src('SAD.1'));
  b.set('Address.line', b.src('SAD.2'), 1);
  b.set('Address.line', b.src('SAD.3'), 2);
  return b.build();
}

export const sadAddress = build();
