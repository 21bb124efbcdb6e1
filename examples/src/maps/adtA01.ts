import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition, TargetRequest } from '../../../shared/common/mapping/spec/MappingSpec';
import { plLocationLevels } from '../../../shared/common/library/datatypes/plLocationLevels';
import { PV1_PARTICIPANTS, namesPerson } from './pv1Participants';
import { locationTarget } from './pv1Encounter';
import { PR1_PERFORMERS } from './pr1Procedure';
import { NK1_IS_PERSON, nk1Person } from './nk1RelatedPerson';
import { namesOrganization } from './pd1Patient';
import { INSURED_IS_PATIENT } from './in1Coverage';

/** A person or an organization a message only names: created when none has their identifier, never overwritten, one record however often named. */
const NAMED: TargetRequest = { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' };

/**
 * ADT_A01 — the message map (IG "HL7 Message - FHIR R4_ ADT_A01"): which segment becomes which
 * resource, and how the resources reference each other. What each resource holds is in its
 * segment map (PID[Patient], PD1[Patient], PV1[Encounter], OBX[Observation], AL1[AllergyIntolerance],
 * DG1[Condition], PR1[Procedure], NK1[RelatedPerson], IN1[Coverage]) and the data type maps they
 * call; this map only places them.
 */
export function adtA01(): MapDefinition {
  const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'))
    .describe('ADT^A01 → FHIR R4', 'Admit/visit notification (the ADT_A01 structure: A01, A04, A08, A13) to Patient (with its contacts and general practitioners), Encounter, Locations, Practitioners, Observation, AllergyIntolerance, Condition, Procedure, RelatedPerson, Coverage and Organizations.')
    .accepts({ messages: [{ type: 'ADT', events: ['A01', 'A04', 'A08', 'A13'] }] });
  // Replaying a message, or the visit's next event (A08), updates the records instead of adding
  // others: the Patient by its medical record number (PID-3 of type MR; a message without one
  // fails rather than guess), the Encounter by its visit number (PV1-19). A doctor is created
  // when no Practitioner has their identifier, never overwritten by a message that only names
  // them, and one doctor named twice (in one field or two) is one Practitioner. What has no
  // identifier in v2 (the locations, an OBX, an AL1, an IN1; a DG1, PR1 or NK1 without one) is
  // written by its id from the message, so the same message again writes the same resources.
  const patient = b.target('patient', 'Patient', { method: 'PUT', search: [{ name: 'identifier', ofType: 'MR' }] });
  const encounter = b.target('encounter', 'Encounter', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  for (const level of plLocationLevels) b.target(locationTarget(level.name), 'Location', { method: 'PUT' });
  for (const { target } of PV1_PARTICIPANTS) b.target(target, 'Practitioner', NAMED);
  b.target('observation', 'Observation', { method: 'PUT' });
  b.target('allergy', 'AllergyIntolerance', { method: 'PUT' });
  const condition = b.target('condition', 'Condition', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  b.target('diagnosing-clinician', 'Practitioner', NAMED);
  const procedure = b.target('procedure', 'Procedure', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  for (const { target } of PR1_PERFORMERS) b.target(target, 'Practitioner', NAMED);
  b.target('related-person', 'RelatedPerson', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  b.target('general-practice', 'Organization', NAMED);
  b.target('general-practitioner', 'Practitioner', NAMED);
  const coverage = b.target('coverage', 'Coverage', { method: 'PUT' });
  b.target('payor', 'Organization', NAMED);
  const patientRef = b.ref(patient);

  // PID → Patient[1].
  b.set('Patient', b.call('PID[Patient]', b.src('PID')));
  // PD1 → the patient's general practitioners (PD1[Patient]): the primary facility an Organization
  // (XON[Organization]), each primary care provider a Practitioner (XCN[Practitioner]).
  b.set('Patient', b.call('PD1[Patient]', b.src('PD1'), 'general-practitioners'));
  b.eachOn('general-practice', 'Organization', b.cond(namesOrganization('PD1-3'), b.src('PD1'), 'names-practice'));
  b.setOn('general-practice', 'Organization', b.call('XON[Organization]', b.src('PD1-3'), 'practice'));
  b.eachOn('general-practitioner', 'Practitioner', b.cond(namesPerson('PD1-4'), b.src('PD1-4'), 'names-general-practitioner'));
  b.setOn('general-practitioner', 'Practitioner', b.call('XCN[Practitioner]', b.src('PD1-4'), 'general-practitioner'));

  // PV1 → Encounter[1] (no PV1, no Encounter), subject → the Patient.
  b.each('Encounter', b.src('PV1'));
  // NK1 → Patient.contact (NK1[Patient]), one per NK1, and for a person (not an
  // employer, agency or insurer: NK1-3) also a RelatedPerson of the Patient (NK1[RelatedPerson]).
  b.each('Patient.contact', b.src('NK1'));
  nk1Person(b, 'Patient.contact', true);
  b.eachOn('related-person', 'RelatedPerson', b.cond(NK1_IS_PERSON, b.src('NK1'), 'is-person'));
  b.setOn('related-person', 'RelatedPerson', b.call('NK1[RelatedPerson]', b.src('NK1')));
  b.setOn('related-person', 'RelatedPerson.patient', patientRef);

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

  // DG1 → one Condition each (DG1[Condition]), of the Patient, asserted by the first diagnosing
  // clinician (DG1-16, a Practitioner); and, the ADT being about a visit, the Encounter's
  // diagnosis (DG1[Encounter]: the Condition and its rank DG1-15).
  b.each('Condition', b.src('DG1'));
  b.set('Condition', b.call('DG1[Condition]', b.src('DG1')));
  b.set('Condition.subject', patientRef);
  b.set('Condition.asserter', b.cond(namesPerson('DG1-16[1]'), b.ref('diagnosing-clinician'), 'has-diagnosing-clinician'));
  b.eachOn('diagnosing-clinician', 'Practitioner', b.cond(namesPerson('DG1-16[1]'), b.src('DG1'), 'names-diagnosing-clinician'));
  b.setOn('diagnosing-clinician', 'Practitioner', b.call('XCN[Practitioner]', b.src('DG1-16[1]'), 'diagnosing-clinician'));
  b.each('Encounter.diagnosis', b.src('DG1'));
  b.set('Encounter.diagnosis.condition', b.ref(condition));
  b.set('Encounter.diagnosis.rank', b.src('DG1-15'));

  // PROCEDURE → one Procedure per group (PR1[Procedure]), of the Patient; its anesthesiologist,
  // surgeon and other practitioner (PR1-8, -11, -12) Practitioners.
  // A group without its PR1 (a stray ROL read as one) is no procedure.
  b.eachOn(procedure, 'Procedure', b.cond('PR1-1 != null or PR1-3 != null', b.src('PROCEDURE'), 'has-pr1'));
  b.setOn(procedure, 'Procedure', b.call('PR1[Procedure]', b.src('PR1')));
  b.setOn(procedure, 'Procedure.subject', patientRef);
  for (const { field, target } of PR1_PERFORMERS) {
    b.eachOn(target, 'Practitioner', b.cond(namesPerson(field), b.src('PROCEDURE'), `names-${target}`));
    b.setOn(target, 'Practitioner', b.call('XCN[Practitioner]', b.src(field), target));
  }

  // INSURANCE → one Coverage per group (IN1[Coverage]) of the Patient, its payor the insurance
  // company (IN1-4, XON[Organization], with the address IN1-5, identifier IN1-3); the Patient is
  // the subscriber when the insured is the patient (IN1-17 SEL).
  b.eachOn(coverage, 'Coverage', b.cond('IN1-1 != null or IN1-2 != null', b.src('INSURANCE'), 'has-in1'));
  b.setOn(coverage, 'Coverage', b.call('IN1[Coverage]', b.src('IN1')));
  b.setOn(coverage, 'Coverage.beneficiary', patientRef);
  b.setOn(coverage, 'Coverage.subscriber', b.cond(INSURED_IS_PATIENT, b.ref(patient, 'subscriber-patient'), 'insured-is-patient'));
  b.setOn(coverage, 'Coverage.payor', b.cond(`not (${namesOrganization('IN1-4')})`, b.ref(patient, 'self-pay'), 'no-payor'), 1);
  b.eachOn('payor', 'Organization', b.cond(namesOrganization('IN1-4'), b.src('INSURANCE'), 'names-payor'));
  b.setOn('payor', 'Organization', b.call('XON[Organization]', b.src('IN1-4'), 'payor'));
  b.setOn('payor', 'Organization.address', b.call('XAD[Address]', b.src('IN1-5'), 'payor-address'));
  // IN1-3, the insurance company's id, which the IG leaves unmapped: without it an insurer named
  // only by IN1-4 would be a new Organization in every message.
  b.setOn('payor', 'Organization.identifier', b.call('CX[Identifier]', b.src('IN1-3'), 'payor-identifier'), 1);
  return b.build();
}
