import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0190 → FHIR address-use (IG cs_AddressType[Use]): XAD-7 codes that say how an address is used. */
export const addressUse: ValueMap = {
  id: 'v2-0190-address-use',
  name: 'Address type (v2 0190) → FHIR address use',
  description: 'HL7 v2-to-FHIR IG vocabulary map AddressType[Use].',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0190',
  targetSystem: 'http://hl7.org/fhir/address-use',
  entries: [
    { source: 'BA', target: 'old', display: 'Old / Incorrect' },
    { source: 'BI', target: 'billing', display: 'Billing' },
    { source: 'C', target: 'temp', display: 'Temporary' },
    { source: 'B', target: 'work', display: 'Work' },
    { source: 'H', target: 'home', display: 'Home' },
    { source: 'O', target: 'work', display: 'Work' },
  ],
  unmapped: { kind: 'empty' },
};
