import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0201 → FHIR contact-point-use (IG cs_TelecommunicationUseCode). */
export const telecomUse: ValueMap = {
  id: 'v2-0201-contact-point-use',
  name: 'Telecommunication use (v2 0201) → FHIR contact point use',
  description: 'HL7 v2-to-FHIR IG vocabulary map TelecommunicationUseCode.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0201',
  targetSystem: 'http://hl7.org/fhir/contact-point-use',
  entries: [
    { source: 'PRN', target: 'home', display: 'Home' },
    { source: 'WPN', target: 'work', display: 'Work' },
    { source: 'PRS', target: 'mobile', display: 'Mobile' },
  ],
  unmapped: { kind: 'empty' },
};
