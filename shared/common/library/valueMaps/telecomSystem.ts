import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0202 → FHIR contact-point-system (IG cs_TelecommunicationEquipmentType), with one
 * deliberate deviation: the IG maps CP (cellular phone) to `mobile` in contact-point-use, which
 * is not a contact-point-system code (the element's binding is required), so CP is a `phone` here
 * and the mapping sets use `mobile` for it.
 */
export const telecomSystem: ValueMap = {
  id: 'v2-0202-contact-point-system',
  name: 'Telecommunication equipment type (v2 0202) → FHIR contact point system',
  description: 'HL7 v2-to-FHIR IG vocabulary map TelecommunicationEquipmentType; CP → phone (the IG\'s "mobile" is a use, not a system).',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0202',
  targetSystem: 'http://hl7.org/fhir/contact-point-system',
  entries: [
    { source: 'PH', target: 'phone', display: 'Phone' },
    { source: 'FX', target: 'fax', display: 'Fax' },
    { source: 'MD', target: 'other', display: 'Other' },
    { source: 'CP', target: 'phone', display: 'Phone', comment: 'IG: mobile (a contact-point-use code); the use is set to mobile instead.' },
    { source: 'SAT', target: 'other', display: 'Other' },
    { source: 'BP', target: 'pager', display: 'Pager' },
    { source: 'Internet', target: 'email', display: 'email' },
    { source: 'X.400', target: 'email', display: 'email' },
    { source: 'TDD', target: 'other', display: 'Other' },
    { source: 'TTY', target: 'other', display: 'Other' },
  ],
  // A code outside table 0202 still names some device; ContactPoint needs a system with a value (cpt-2).
  unmapped: { kind: 'default', code: 'other', display: 'Other' },
};
