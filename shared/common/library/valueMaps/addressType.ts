import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0190 → FHIR address-type (IG cs_AddressType[Type]): XAD-7 codes that say what kind of address it is. */
export const addressType: ValueMap = {
  id: 'v2-0190-address-type',
  name: 'Address type (v2 0190) → FHIR address type',
  description: 'HL7 v2-to-FHIR IG vocabulary map AddressType[Type].',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0190',
  targetSystem: 'http://hl7.org/fhir/address-type',
  entries: [
    { source: 'M', target: 'postal', display: 'Postal' },
    { source: 'SH', target: 'postal', display: 'Postal' },
  ],
  unmapped: { kind: 'empty' },
};
