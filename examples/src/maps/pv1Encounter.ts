import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { encounterClass, encounterStatus } from '../../../shared/common/library/valueMaps';
import { plHasLevel, plLocationLevels } from '../../../shared/common/library/datatypes/plLocationLevels';
import { PV1_PARTICIPANTS, namesPerson } from './pv1Participants';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** The message map's Location target of each PL level (`location-bed` … `location-facility`). */
export const locationTarget = (name: string): string => `location-${name.replace(/ /g, '-')}`;

/**
 * PV1[Encounter] (IG "HL7 Segment - FHIR R4_ PV1[Encounter]"): status and class from the patient
 * class, the visit number, the period, the attending, referring, consulting and admitting doctors
 * and the other healthcare providers as participants, and the location. The participants and the
 * location point at the Practitioner and Location resources the message map makes from the same
 * repetitions of PV1-7/8/9/17/52 and from PV1-3 (its targets `attending-doctor` …, `location-bed` …).
 */
export function pv1Encounter(): MapDefinition {
  const b = new MapBuilder('PV1[Encounter]', 'segment', hl7Segment('PV1'), fhirResource('Encounter'))
    .describe('PV1 → Encounter', 'The visit from the PV1 segment, as the IG\'s PV1[Encounter] map says.');
  // An empty PV1-2 reads as U (unknown).
  const patientClass = b.fnMany('logic.coalesce', 'values', [b.src('PV1-2'), b.constant('U', 'class-unknown')], 'patient-class');
  b.set('Encounter.status', b.map(encounterStatus.id, patientClass, 'code', 'encounter-status'));
  b.set('Encounter.status', b.cond('PV1-45 != null', b.constant('finished', 'finished'), 'discharged'), 1);
  b.set('Encounter.class', b.map(encounterClass.id, patientClass, 'coding', 'encounter-class'));

  // PV1-19 visit number: an Identifier of type VN, written field by field rather than through
  // CX[Identifier], whose CX.5 type would be merged beside VN instead of replaced by it.
  b.set('Encounter.identifier.value', b.src('PV1-19.1'));
  const oidAuthority = "PV1-19.4.3 = 'ISO' and PV1-19.4.2 != null";
  b.set('Encounter.identifier.system', b.cond(oidAuthority, b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn-oid'), b.src('PV1-19.4.2')], 'visit-system'), 'visit-authority-is-oid'));
  b.set('Encounter.identifier.assigner.display', b.cond(`PV1-19.1 != null and not (${oidAuthority})`, b.src('PV1-19.4.1'), 'visit-authority-is-name'));
  b.set('Encounter.identifier.type', b.cond('PV1-19.1 != null', b.constant({ coding: [{ system: V2_0203, code: 'VN' }], text: 'visit number' }, 'visit-number-type'), 'has-visit-number'));

  b.set('Encounter.period.start', b.call('DTM[dateTime]', b.src('PV1-44'), 'admitted'));
  b.set('Encounter.period.end', b.call('DTM[dateTime]', b.src('PV1-45'), 'discharged-at'));

  // One participant per person named in PV1-7, -8, -9, -17 and -52, in that order, pointing at the
  // Practitioner the message map built from the same repetition. The type and the reference are
  // tied to their field by a condition, which also says which of the five contexts they are in.
  PV1_PARTICIPANTS.forEach(({ field, target, type }, order) => {
    b.each('Encounter.participant', b.cond(namesPerson(field), b.src(field), `names-${target}`), order);
    b.set('Encounter.participant.type', b.cond(namesPerson(field), b.constant(type, `${target}-type`), `${target}-is-type`));
    b.set('Encounter.participant.individual', b.cond(namesPerson(field), b.ref(target), `${target}-is`));
  });

  // The most granular level of PV1-3 sent: the bed, else the room, … else the facility (IG PL[Location]).
  b.each('Encounter.location', b.cond(plHasLevel('PV1-3'), b.src('PV1-3'), 'has-location'));
  b.set('Encounter.location.location', b.fnMany('logic.coalesce', 'values', plLocationLevels.map((l) => b.ref(locationTarget(l.name))), 'most-granular-location'));
  b.set('Encounter.location.status', b.cond("PV1-2 = 'P'", b.constant('planned', 'planned'), 'preadmit'), 1);
  b.set('Encounter.location.status', b.cond("not (PV1-2 = 'P')", b.constant('active', 'active'), 'not-preadmit'));
  return b.build();
}
