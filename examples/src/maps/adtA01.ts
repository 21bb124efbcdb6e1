import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition, TargetRequest } from '../../../shared/common/mapping/spec/MappingSpec';
import { plLocationLevels } from '../../../shared/common/library/datatypes/plLocationLevels';
import { PV1_PARTICIPANTS, namesPerson } from './pv1Participants';
import { locationTarget } from './pv1Encounter';

/** A person or an organization a message only names: created when none has their identifier, never overwritten, one record however often named. */
const NAMED: TargetRequest = { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' };

/**
 * ADT_A01 — the message map (IG "HL7 Message - FHIR R4_ ADT_A01"): which segment becomes which
 * resource, and how the resources reference each other. What each resource holds is in its
 * segment map (PID[Patient], PV1[Encounter], OBX[Observation], AL1[AllergyIntolerance]) and the
 * data type maps they call; this map only places them.
 */
export function adtA01(): MapDefinition {
  const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'))
    .describe('ADT^A01 → FHIR R4', 'Admit/visit notification (the ADT_A01 structure: A01, A04, A08, A13) to Patient, Encounter, Locations, Practitioners, Observation and AllergyIntolerance.')
    .accepts({ messages: [{ type: 'ADT', events: ['A01', 'A04', 'A08', 'A13'] }] });
  // Replaying a message, or the visit's next event (A08), updates the records instead of adding
  // others: the Patient by its medical record number (PID-3 of type MR; a message without one
  // fails rather than guess), the Encounter by its visit number (PV1-19). A doctor is created
  // when no Practitioner has their identifier, never overwritten by a message that only names
  // them, and one doctor named twice (in one field or two) is one Practitioner. What has no
  // identifier in v2 (the locations, an OBX, an AL1) is written by its id from the message, so the
  // same message again writes the same resources.
  const patient = b.target('patient', 'Patient', { method: 'PUT', search: [{ name: 'identifier', ofType: 'MR' }] });
  const encounter = b.target('encounter', 'Encounter', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  for (const level of plLocationLevels) b.target(locationTarget(level.name), 'Location', { method: 'PUT' });
  for (const { target } of PV1_PARTICIPANTS) b.target(target, 'Practitioner', NAMED);
  b.target('observation', 'Observation', { method: 'PUT' });
  b.target('allergy', 'AllergyIntolerance', { method: 'PUT' });
  const patientRef = b.ref(patient);

  // PID → Patient[1].
  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // PV1 → Encounter[1] (no PV1, no Encounter), subject → the Patient.
  b.each('Encounter', b.src('PV1'));
  b.set('Encounter', b.call('PV1[Encounter]', b.src('PV1')));
  b.set('Encounter.subject', patientRef);

  // PV1-3 → a Location per level sent (IG PL[Location]): bed, room, floor, point of care, building,
  // facility, each partOf the next level up that was sent; PV1[Encounter] points at the most granular.
  plLocationLevels.forEach((level, i) => {
    const id = locationTarget(level.name);
    b.eachOn(id, 'Location', b.cond(`PV1-3.${level.component} != null`, b.src('PV1-3'), `has-${id}`));
    b.setOn(id, 'Location', b.call(level.map, b.src('PV1-3'), id));
    const up = plLocationLevels.slice(i + 1).map((l) => locationTarget(l.name));
    if (up.length > 0) b.setOn(id, 'Location.partOf', b.fnMany('logic.coalesce', 'values', up.map((t) => b.ref(t, `${id}-within-${t}`)), `${id}-part-of`));
  });

  // PV1-7/8/9/17/52 → one Practitioner per person named (XCN[Practitioner]); PV1[Encounter] makes the participants.
  for (const { field, target } of PV1_PARTICIPANTS) {
    b.eachOn(target, 'Practitioner', b.cond(namesPerson(field), b.src(field), `names-${target}`));
    b.setOn(target, 'Practitioner', b.call('XCN[Practitioner]', b.src(field), target));
  }

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
