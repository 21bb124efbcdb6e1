import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0200 → FHIR name-use (IG cs_NameType); codes the IG leaves unmapped give no use. */
export const nameType: ValueMap = {
  id: 'v2-0200-name-use',
  name: 'Name type (v2 0200) → FHIR name use',
  description: 'HL7 v2-to-FHIR IG vocabulary map NameType.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0200',
  targetSystem: 'http://hl7.org/fhir/name-use',
  entries: [
    { source: 'BAD', target: 'old', display: 'Old' },
    { source: 'D', target: 'usual', display: 'Usual' },
    { source: 'L', target: 'official', display: 'Official' },
    { source: 'M', target: 'maiden', display: 'Name changed for Marriage' },
    { source: 'MSK', target: 'anonymous', display: 'Anonymous' },
    { source: 'N', target: 'nickname', display: 'Nickname' },
    { source: 'NAV', target: 'temp', display: 'temp' },
    { source: 'R', target: 'official', display: 'Official' },
    { source: 'TEMP', target: 'temp', display: 'Temp' },
  ],
  unmapped: { kind: 'empty' },
};
