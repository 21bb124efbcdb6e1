import type { ValueMap } from '../../valuemaps/ValueMap';

const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * HL7 table 0004 → Encounter.class (IG cs_PatientClass[EncounterClass]). Codes without a v3
 * equivalent stay v2-0004 codes, so a local patient class passes through in that system rather
 * than leaving the required Encounter.class empty.
 */
export const encounterClass: ValueMap = {
  id: 'v2-0004-encounter-class',
  name: 'Patient class (v2 0004) → Encounter class',
  description: 'HL7 v2-to-FHIR IG vocabulary map PatientClass[EncounterClass].',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0004',
  targetSystem: 'http://terminology.hl7.org/CodeSystem/v2-0004',
  entries: [
    { source: 'E', target: 'EMER', display: 'emergency', system: ACT },
    { source: 'I', target: 'IMP', display: 'inpatient encounter', system: ACT },
    { source: 'O', target: 'AMB', display: 'ambulatory', system: ACT },
    { source: 'P', target: 'PRENC', display: 'pre-admission', system: ACT },
    { source: 'R', target: 'R', display: 'Recurring patient' },
    { source: 'B', target: 'B', display: 'Obstetrics' },
    { source: 'C', target: 'C', display: 'Commercial Account' },
    { source: 'N', target: 'N', display: 'Not Applicable' },
    { source: 'U', target: 'U', display: 'Unknown' },
  ],
  unmapped: { kind: 'passthrough' },
};
