import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

/**
 * CDC table NIP001 immunization information source (RXA-9.1) → Immunization.primarySource, as the
 * US CDC IG for immunization messaging reads RXA-9 (the v2-to-FHIR IG leaves RXA-9 to realm IGs).
 * 00 is a new record written by whoever gave the dose; every historical code is a record taken
 * from somewhere else, which FHIR says as primarySource false (RXA[Immunization] then gives the
 * code as reportOrigin). A code outside NIP001 says nothing about the source: no primarySource.
 */
export const immunizationInformationSource: ValueMap = {
  id: 'nip001-primary-source',
  name: 'Immunization information source (CDC NIP001) → Immunization.primarySource',
  description: 'Whether the dose is recorded by the one who gave it (00) or taken from another record (01–08).',
  entries: [
    { source: '00', target: 'true', display: 'New immunization record' },
    { source: '01', target: 'false', display: 'Historical information - source unspecified' },
    { source: '02', target: 'false', display: 'Historical information - from other provider' },
    { source: '03', target: 'false', display: 'Historical information - from parent\'s written record' },
    { source: '04', target: 'false', display: 'Historical information - from parent\'s recall' },
    { source: '05', target: 'false', display: 'Historical information - from other registry' },
    { source: '06', target: 'false', display: 'Historical information - from birth certificate' },
    { source: '07', target: 'false', display: 'Historical information - from school record' },
    { source: '08', target: 'false', display: 'Historical information - from public agency' },
  ],
  unmapped: { kind: 'empty' },
};
