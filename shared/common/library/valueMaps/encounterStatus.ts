import type { ValueMap } from '../../valuemaps/ValueMap';

/** HL7 table 0004 → Encounter.status while PV1-45 is empty (IG cs_PatientClass[EncounterStatus]). */
export const encounterStatus: ValueMap = {
  id: 'v2-0004-encounter-status',
  name: 'Patient class (v2 0004) → Encounter status',
  description: 'HL7 v2-to-FHIR IG vocabulary map PatientClass[EncounterStatus]. A discharge date (PV1-45) makes the status finished instead.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0004',
  targetSystem: 'http://hl7.org/fhir/encounter-status',
  entries: [
    { source: 'E', target: 'in-progress' },
    { source: 'I', target: 'in-progress' },
    { source: 'O', target: 'in-progress' },
    { source: 'P', target: 'planned' },
    { source: 'R', target: 'in-progress' },
    { source: 'B', target: 'in-progress' },
    { source: 'C', target: 'in-progress' },
    { source: 'N', target: 'in-progress' },
    { source: 'U', target: 'unknown' },
  ],
  unmapped: { kind: 'default', code: 'unknown' },
};
