import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * ADT_A01 — the message map (IG "HL7 Message - FHIR R4_ ADT_A01"): which segment becomes which
 * resource, and how the resources reference each other. What each resource holds is in its
 * segment map (PID[Patient], PV1[Encounter], OBX[Observation], AL1[AllergyIntolerance]) and the
 * data type maps they call; this map only places them.
 */
export function adtA01(): MapDefinition {
  const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'))
    .describe('ADT^A01 → FHIR R4', 'Admit/visit notification (the ADT_A01 structure: A01, A04, A08, A13) to Patient, Encounter, Location, Practitioner, Observation and AllergyIntolerance.')
    .accepts({ messages: [{ type: 'ADT', events: ['A01', 'A04', 'A08', 'A13'] }] });
  // Replaying a message, or the visit's next event (A08), updates the records instead of adding
  // others: the Patient by its medical record number (PID-3 of type MR; a message without one
  // fails rather than guess), the Encounter by its visit number (PV1-19). A doctor is created
  // when no Practitioner has their identifier, never overwritten by a message that only names
  // them, and one doctor named twice is one Practitioner. What has no identifier in v2 (the
  // location, an OBX, an AL1) is written by its id from the message, so the same message again
  // writes the same resources.
  const patient = b.target('patient', 'Patient', { method: 'PUT', search: [{ name: 'identifier', ofType: 'MR' }] });
  const encounter = b.target('encounter', 'Encounter', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  b.target('location', 'Location', { method: 'PUT' });
  b.target('practitioner', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  b.target('observation', 'Observation', { method: 'PUT' });
  b.target('allergy', 'AllergyIntolerance', { method: 'PUT' });
  const patientRef = b.ref(patient);

  // PID → Patient[1].
  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // PV1 → Encounter[1] (no PV1, no Encounter), subject → the Patient.
  b.each('Encounter', b.src('PV1'));
  b.set('Encounter', b.call('PV1[Encounter]', b.src('PV1')));
  b.set('Encounter.subject', patientRef);

  // PV1-3 → the Location of the stay (PL[Location]: its most granular level); PV1[Encounter] points at it.
  b.each('Location', b.cond('PV1-3.1 != null or PV1-3.2 != null or PV1-3.3 != null', b.src('PV1-3'), 'has-location'));
  b.set('Location', b.call('PL[Location]', b.src('PV1-3')));

  // PV1-7 → one Practitioner per attending doctor (XCN[Practitioner]); PV1[Encounter] makes the participants.
  b.each('Practitioner', b.src('PV1-7'));
  b.set('Practitioner', b.call('XCN[Practitioner]', b.src('PV1-7')));

  // OBX → one Observation each, about the Patient, during the Encounter.
  b.each('Observation', b.src('OBX'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  b.set('Observation.subject', patientRef);
  b.set('Observation.encounter', b.ref(encounter));

  // AL1 → one AllergyIntolerance each, of the Patient.
  b.each('AllergyIntolerance', b.src('AL1'));
  b.set('AllergyIntolerance', b.call('AL1[AllergyIntolerance]', b.src('AL1')));
  b.set('AllergyIntolerance.patient', patientRef);
  return b.build();
}
