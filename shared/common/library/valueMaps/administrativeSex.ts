import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0001 → FHIR administrative-gender, as the IG's cs_AdministrativeSex table says. */
export const administrativeSex: ValueMap = {
  id: 'v2-0001-gender',
  name: 'Administrative sex (v2 0001) → FHIR gender',
  description: 'HL7 v2-to-FHIR IG vocabulary map AdministrativeSex. A local code outside table 0001 becomes "unknown".',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0001',
  targetSystem: 'http://hl7.org/fhir/administrative-gender',
  entries: [
    { source: 'F', target: 'female', display: 'Female' },
    { source: 'M', target: 'male', display: 'Male' },
    { source: 'O', target: 'other', display: 'Other' },
    { source: 'U', target: 'unknown', display: 'Unknown' },
    { source: 'A', target: 'other', display: 'Other' },
    { source: 'N', target: 'other', display: 'Other' },
  ],
  unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
};
