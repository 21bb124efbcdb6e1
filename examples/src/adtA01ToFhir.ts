import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import { SpecBuilder, type From } from './SpecBuilder';
import { observationsFromObx } from './observationsFromObx';
import * as maps from '../../shared/common/library/valueMaps/index';

/**
 * examples/adt-a01-to-fhir.crosswalk.json: HL7 v2 ADT^A01 → FHIR R4 transaction Bundle, following
 * the HL7 v2-to-FHIR IG segment maps PID[Patient], PV1[Encounter], OBX[Observation] and
 * AL1[AllergyIntolerance], their data type maps (through the function library's datatype.*
 * and code.* functions) and vocabulary maps (the value maps in ./valueMaps, checked against the
 * IG's cs_*.csv tables). examples/README.md lists every choice and deviation.
 */

/** Only ADT messages are mapped; any other message code fails the message with a clear error. */
export const acceptedMessageTypes: ValueMap = {
  id: 'adt-message-guard',
  name: 'Accepted message types (MSH-9.1)',
  description: 'This mapping reads ADT messages (ADT_A01 structure: A01, A04, A08, ...). Any other message code fails the message with VALUEMAP_UNMAPPED instead of producing a half-empty Bundle.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0076',
  entries: [{ source: 'ADT', target: 'ADT', display: 'ADT message' }],
  unmapped: { kind: 'error' },
};

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';

export function buildAdtA01ToFhir(): MappingSpec {
  const b = new SpecBuilder('msg').hl7Source('2.5.1', 'ADT_A01');
  const patient = b.target('patient', 'Patient');
  const encounter = b.target('encounter', 'Encounter');
  const location = b.target('location', 'Location');
  const practitioner = b.target('practitioner', 'Practitioner');
  const observation = b.target('observation', 'Observation');
  const allergy = b.target('allergy', 'AllergyIntolerance');
  for (const map of [
    maps.administrativeSex, maps.nameType, maps.addressUse, maps.addressType, maps.telecomUse, maps.telecomSystem,
    maps.encounterClass, maps.encounterStatus, maps.observationStatus, maps.interpretation, maps.allergenCategory,
    maps.allergySeverity, acceptedMessageTypes,
  ]) b.valueMap(map);

  const src = (path: string): From => b.src(path);
  const fn = (id: string, inputs: Record<string, From>, params?: Record<string, string | number | boolean>, stem?: string): From => b.fn(id, inputs, params, stem);
  const dateTime = (path: string): From => fn('date.hl7ToFhirDateTime', { value: src(path) }, undefined, `dateTime-${path}`);
  const coalesce = (values: From[], stem: string): From => b.fnMany('logic.coalesce', 'values', values, stem);
  const patientRef = (): From => b.ref(patient);
  const encounterRef = (): From => b.ref(encounter);

  // --- Message type guard: a non-ADT message fails here, naming its message code.
  b.set(patient, 'Patient.meta.source', b.cond("$in = 'never written'", b.map(acceptedMessageTypes.id, src('MSH-9.1'), 'code', 'message-type-guard'), 'guard-filter'));

  // --- PID → Patient (IG PID[Patient])
  b.each(patient, 'Patient.identifier', src('PID-3'));
  b.set(patient, 'Patient.identifier', fn('datatype.identifierFromCx', { cx: src('PID-3') }, undefined, 'PID-3-identifier'));

  b.each(patient, 'Patient.name', src('PID-5'));
  b.set(patient, 'Patient.name', fn('datatype.humanNameFromXpn', { xpn: src('PID-5') }, undefined, 'PID-5-name'));
  b.set(patient, 'Patient.name.use', b.map(maps.nameType.id, src('PID-5.7'), 'code', 'name-use'), 1);

  // PID-13 home phones, then PID-14 work phones (PID map: use home / work when XTN-2 is empty).
  for (const [field, defaultUse, order] of [['PID-13', 'home', 0], ['PID-14', 'work', 1]] as const) {
    const hasNumber = `${field}.1 != null or ${field}.4 != null or ${field}.7 != null or ${field}.12 != null`;
    b.each(patient, 'Patient.telecom', b.cond(hasNumber, src(field), `${field}-has-number`), order);
    b.set(patient, 'Patient.telecom', fn('datatype.contactPointFromXtn', { xtn: src(field) }, undefined, `${field}-contact`));
    b.set(patient, 'Patient.telecom.system', b.map(maps.telecomSystem.id, src(`${field}.3`), 'code', `${field}-system`), 1);
    b.set(patient, 'Patient.telecom.use', b.map(maps.telecomUse.id, src(`${field}.2`), 'code', `${field}-use`), 1);
    b.set(patient, 'Patient.telecom.use', b.cond(`${field}.2 = null and not (${field}.3 = 'CP')`, b.constant(defaultUse, defaultUse), `${field}-default-use`), 2);
  }

  b.set(patient, 'Patient.gender', b.map(maps.administrativeSex.id, src('PID-8'), 'code', 'gender'));
  b.set(patient, 'Patient.birthDate', fn('date.hl7ToFhirDate', { value: src('PID-7') }, undefined, 'birthDate'));
  // IG PID-7 rows: IF PID-7 LENGTH GREATER THAN 8 (a time of birth) the whole value also goes to
  // the patient-birthTime extension, which FHIR JSON keeps on _birthDate.
  const hasBirthTime = 'string.length(PID-7) > 8';
  b.set(patient, 'Patient.birthDate.extension.url', b.cond(hasBirthTime, b.constant(BIRTH_TIME, 'birth-time-url'), 'has-birth-time'));
  b.set(patient, 'Patient.birthDate.extension.value[x]:valueDateTime', b.cond(hasBirthTime, dateTime('PID-7'), 'has-birth-time-value'));

  b.set(patient, 'Patient.deceased[x]:deceasedDateTime', dateTime('PID-29'));
  b.set(patient, 'Patient.deceased[x]:deceasedBoolean', b.cond("PID-29 = null and (PID-30 = 'Y' or PID-30 = 'N')", b.cond("PID-30 = 'Y'", undefined, 'death-indicator'), 'death-indicator-when'));

  b.each(patient, 'Patient.address', src('PID-11'));
  b.set(patient, 'Patient.address', fn('datatype.addressFromXad', { xad: src('PID-11') }, undefined, 'PID-11-address'));
  b.set(patient, 'Patient.address.use', b.map(maps.addressUse.id, src('PID-11.7'), 'code', 'address-use'), 1);
  b.set(patient, 'Patient.address.type', b.map(maps.addressType.id, src('PID-11.7'), 'code', 'address-type'), 1);

  // --- PV1 → Encounter (IG PV1[Encounter]); no PV1, no Encounter
  b.each(encounter, 'Encounter', src('PV1'));
  const patientClass = coalesce([src('PV1-2'), b.constant('U', 'class-unknown')], 'patient-class');
  b.set(encounter, 'Encounter.status', b.map(maps.encounterStatus.id, patientClass, 'code', 'encounter-status'));
  b.set(encounter, 'Encounter.status', b.cond('PV1-45 != null', b.constant('finished', 'finished'), 'discharged'), 1);
  b.set(encounter, 'Encounter.class', b.map(maps.encounterClass.id, patientClass, 'coding', 'encounter-class'));
  // PV1-19 visit number: CX[Identifier] with type VN. Written field by field rather than through
  // datatype.identifierFromCx, whose CX-5 type would be merged next to VN instead of replaced by it.
  b.set(encounter, 'Encounter.identifier.value', src('PV1-19.1'));
  const oidAuthority = "PV1-19.4.3 = 'ISO' and PV1-19.4.2 != null";
  b.set(encounter, 'Encounter.identifier.system', b.cond(oidAuthority, b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn-oid'), src('PV1-19.4.2')], 'visit-system'), 'visit-authority-is-oid'));
  b.set(encounter, 'Encounter.identifier.assigner.display', b.cond(`PV1-19.1 != null and not (${oidAuthority})`, src('PV1-19.4.1'), 'visit-authority-is-name'));
  b.set(encounter, 'Encounter.identifier.type', b.cond('PV1-19.1 != null', b.constant({ coding: [{ system: V2_0203, code: 'VN' }], text: 'visit number' }, 'visit-number-type'), 'has-visit-number'));
  b.set(encounter, 'Encounter.subject', patientRef());
  b.set(encounter, 'Encounter.period.start', dateTime('PV1-44'));
  b.set(encounter, 'Encounter.period.end', dateTime('PV1-45'));
  // Every attending doctor: one participant per PV1-7 repetition, whose reference node (inside the
  // context over the same PV1-7 item) gives the Practitioner built from that repetition.
  b.each(encounter, 'Encounter.participant', src('PV1-7'));
  b.set(encounter, 'Encounter.participant.type', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'ATND', display: 'attender' }] }, 'attender'));
  b.set(encounter, 'Encounter.participant.individual', b.ref(practitioner));
  const hasLocation = 'PV1-3.1 != null or PV1-3.2 != null or PV1-3.3 != null';
  b.each(encounter, 'Encounter.location', b.cond(hasLocation, src('PV1-3'), 'encounter-has-location'));
  b.set(encounter, 'Encounter.location.location', b.ref(location));
  b.set(encounter, 'Encounter.location.status', b.cond("PV1-2 = 'P'", b.constant('planned', 'planned'), 'preadmit'), 1);
  b.set(encounter, 'Encounter.location.status', b.cond("not (PV1-2 = 'P')", b.constant('active', 'active'), 'not-preadmit'));

  // PV1-3 → one Location for the most granular place given (bed, else room, else point of care).
  b.each(location, 'Location', b.cond(hasLocation, src('PV1-3'), 'has-location'));
  b.set(location, 'Location.name', coalesce([src('PV1-3.3'), src('PV1-3.2'), src('PV1-3.1')], 'location-name'));
  b.set(location, 'Location.mode', b.constant('instance', 'instance'));
  b.set(location, 'Location.physicalType.coding.system', b.cond('PV1-3.3 != null or PV1-3.2 != null', b.constant(PHYSICAL_TYPE, 'physical-type-system'), 'bed-or-room'));
  b.set(location, 'Location.physicalType.coding.code', b.cond('PV1-3.2 != null', b.constant('ro', 'room'), 'is-room'));
  b.set(location, 'Location.physicalType.coding.code', b.cond('PV1-3.3 != null', b.constant('bd', 'bed'), 'is-bed'), 1);

  // Each PV1-7 attending doctor → a Practitioner (IG XCN[Practitioner]: id, family, given names, suffix and degree, prefix).
  b.each(practitioner, 'Practitioner', src('PV1-7'));
  b.set(practitioner, 'Practitioner.identifier.value', src('PV1-7.1'));
  b.set(practitioner, 'Practitioner.name.family', src('PV1-7.2'));
  b.set(practitioner, 'Practitioner.name.given', src('PV1-7.3'));
  b.set(practitioner, 'Practitioner.name.given', src('PV1-7.4'), 1);
  b.set(practitioner, 'Practitioner.name.suffix', src('PV1-7.5'));
  b.set(practitioner, 'Practitioner.name.suffix', src('PV1-7.7'), 1);
  b.set(practitioner, 'Practitioner.name.prefix', src('PV1-7.6'));

  // --- OBX → Observation (IG OBX[Observation]), one per OBX
  observationsFromObx(b, observation, patientRef(), encounterRef());

  // --- AL1 → AllergyIntolerance (IG AL1[AllergyIntolerance]), one per AL1
  b.each(allergy, 'AllergyIntolerance', src('AL1'));
  b.set(allergy, 'AllergyIntolerance.clinicalStatus', b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, 'clinical-active'));
  b.set(allergy, 'AllergyIntolerance.category', b.map(maps.allergenCategory.id, src('AL1-2'), 'code', 'allergy-category'));
  b.set(allergy, 'AllergyIntolerance.code', fn('code.codeableConceptFromCwe', { cwe: src('AL1-3') }, undefined, 'allergen'));
  b.set(allergy, 'AllergyIntolerance.criticality', b.map(maps.allergySeverity.id, src('AL1-4'), 'code', 'criticality'));
  b.set(allergy, 'AllergyIntolerance.patient', patientRef());
  b.set(allergy, 'AllergyIntolerance.onset[x]:onsetDateTime', fn('date.hl7ToFhirDate', { value: src('AL1-6') }, undefined, 'identified'));
  b.each(allergy, 'AllergyIntolerance.reaction.manifestation', src('AL1-5'));
  b.set(allergy, 'AllergyIntolerance.reaction.manifestation.text', src('AL1-5'));

  return b.build({ defaultTimezone: 'Z' });
}
