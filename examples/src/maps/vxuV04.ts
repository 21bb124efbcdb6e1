import { MapBuilder, hl7Message } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { isImmunizationObx } from './obxImmunization';

/**
 * VXU_V04 — the message map (IG "HL7 Message - FHIR R4_ VXU_V04"), read by the structure's
 * groups: the Patient (PID); one Immunization per ORDER that has its RXA (ORC[Immunization],
 * RXA[Immunization], RXR[Immunization] and, for the eligibility and funding OBX,
 * OBX[Immunization]); one Observation per other OBX of the order, part of its Immunization; the
 * practitioners, manufacturers and places of administration those name.
 */
export function vxuV04(): MapDefinition {
  const b = new MapBuilder('VXU_V04', 'message', hl7Message('VXU_V04'))
    .describe('VXU^V04 → FHIR R4', 'Unsolicited vaccination record update to the Patient, one Immunization per order (RXA) and the observations about each dose.')
    .accepts({ messages: [{ type: 'VXU', events: ['V04'] }] });
  // Replaying a message, or an update of the same dose (RXA-21 U, or D: entered-in-error),
  // changes each record instead of adding another. The Patient is created only when none has
  // its medical record number (an immunization record never overwrites demographics, and a
  // message without an MR fails rather than guess). A dose is found by its filler order number
  // (ORC-3), an observation of it by that number, its code and sub-ID. A practitioner or a
  // manufacturer is created when none has their identifier, once however often the message names
  // them; a place of administration has no identifier in v2 and is written by its id.
  const patient = b.target('patient', 'Patient', { method: 'POST', search: [{ name: 'identifier', ofType: 'MR' }] });
  const ordering = b.target('ordering-provider', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], sameRecord: 'merge' });
  const administering = b.target('administering-provider', 'Practitioner', { method: 'POST', search: [{ name: 'identifier' }], sameRecord: 'merge' });
  b.target('manufacturer', 'Organization', { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' });
  b.target('location', 'Location', { method: 'PUT', sameRecord: 'merge' });
  const immunization = b.target('immunization', 'Immunization', { method: 'PUT', search: [{ name: 'identifier', ofType: 'FILL' }], otherwise: 'create' });
  b.target('observation', 'Observation', { method: 'PUT', search: [{ name: 'identifier' }], otherwise: 'create' });
  const patientRef = b.ref(patient);

  b.set('Patient', b.call('PID[Patient]', b.src('PID')));

  // ORC-12 ordering and RXA-10 administering providers with an identifier → a Practitioner each
  // (XCN[Practitioner]); one person in both roles is one record (the same search).
  b.eachOn(ordering, 'Practitioner', b.cond('string.trim(ORC-12.1) != null', b.src('ORC-12'), 'ordering-has-id'));
  b.setOn(ordering, 'Practitioner', b.call('XCN[Practitioner]', b.src('ORC-12'), 'ordering'));
  b.eachOn(administering, 'Practitioner', b.cond('string.trim(RXA-10.1) != null', b.src('RXA-10'), 'administering-has-id'));
  b.setOn(administering, 'Practitioner', b.call('XCN[Practitioner]', b.src('RXA-10'), 'administering'));

  // RXA-17 → the manufacturer (CWE[Organization], an MVX code), RXA-27/28 → where the dose was given.
  b.each('Organization', b.cond("string.trim(RXA-17.1) != null or string.trim(RXA-17.2) != null or string.trim(RXA-17.9) != null", b.src('RXA'), 'names-manufacturer'));
  b.set('Organization', b.call('CWE[Organization]', b.src('RXA-17[1]'), 'manufacturer'));
  b.each('Location', b.cond('RXA-27.1 != null or RXA-27.2 != null or RXA-27.3 != null or RXA-27.4 != null', b.src('RXA'), 'names-location'));
  b.set('Location', b.call('PL[Location]', b.src('RXA-27'), 'administered-at'));
  b.set('Location.address', b.call('XAD[Address]', b.src('RXA-28'), 'administered-at-address'));

  // ORDER → Immunization[1] (ORC, RXA, RXR of the same order), of the Patient.
  b.each('Immunization', b.cond('RXA-3 != null or RXA-5 != null', b.src('ORDER'), 'has-RXA'));
  b.set('Immunization', b.call('ORC[Immunization]', b.src('ORC')));
  b.set('Immunization', b.call('RXA[Immunization]', b.src('RXA')));
  b.set('Immunization', b.call('RXR[Immunization]', b.src('RXR')));
  b.set('Immunization', b.call('OBX[Immunization]', b.src('OBX'), 'eligibility-and-funding'));
  b.set('Immunization.patient', patientRef);

  // ORDER.OBSERVATION → Observation[2] (OBX[Observation]), of the Patient, part of the order's Immunization.
  b.each('Observation', b.cond(`not (${isImmunizationObx})`, b.src('ORDER.OBSERVATION'), 'about-the-dose'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  b.set('Observation', b.call('OBX[Observation-identifier]', b.src('OBX'), 'result-identifier'));
  b.set('Observation.subject', patientRef);
  b.set('Observation.partOf', b.ref(immunization, 'dose'));
  return b.build();
}
