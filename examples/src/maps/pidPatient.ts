import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { administrativeSex } from '../../../shared/common/library/valueMaps';

const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';

/**
 * PID[Patient] (IG "HL7 Segment - FHIR R4_ PID[Patient]"): identifiers, names, phones, gender,
 * birth date and time, death, addresses. The data types go through the library's data type maps
 * (CX[Identifier], XPN[HumanName], XTN[ContactPoint], XAD[Address], DTM[dateTime], DTM[date]).
 */
export function pidPatient(): MapDefinition {
  const b = new MapBuilder('PID[Patient]', 'segment', hl7Segment('PID'), fhirResource('Patient'))
    .describe('PID → Patient', 'The patient from the PID segment, as the IG\'s PID[Patient] map says (examples/README.md lists what is left out).');
  // One Identifier per PID-3 repetition, one HumanName per PID-5 repetition, one Address per PID-11 repetition.
  b.set('Patient.identifier', b.call('CX[Identifier]', b.src('PID-3')));
  b.set('Patient.name', b.call('XPN[HumanName]', b.src('PID-5')));
  b.set('Patient.address', b.call('XAD[Address]', b.src('PID-11')));

  // PID-13 home phones, then PID-14 work phones; XTN-2 empty → use home / work, as the PID rows say
  // (except a cellular phone, whose use is mobile).
  for (const [field, defaultUse, order] of [['PID-13', 'home', 0], ['PID-14', 'work', 1]] as const) {
    const hasNumber = `${field}.1 != null or ${field}.4 != null or ${field}.7 != null or ${field}.12 != null`;
    b.each('Patient.telecom', b.cond(hasNumber, b.src(field), `${field}-has-number`), order);
    b.set('Patient.telecom', b.call('XTN[ContactPoint]', b.src(field), `${field}-contact`));
    b.set('Patient.telecom.use', b.cond(`${field}.2 = null and not (${field}.3 = 'CP')`, b.constant(defaultUse, defaultUse), `${field}-default-use`), 2);
  }

  b.set('Patient.gender', b.map(administrativeSex.id, b.src('PID-8'), 'code', 'gender'));
  b.set('Patient.birthDate', b.call('DTM[date]', b.src('PID-7'), 'birth-date'));
  // IF PID-7 LENGTH GREATER THAN 8 (a time of birth): the whole value also goes to the
  // patient-birthTime extension, which FHIR JSON keeps on _birthDate.
  const hasBirthTime = 'string.length(PID-7) > 8';
  b.set('Patient.birthDate.extension.url', b.cond(hasBirthTime, b.constant(BIRTH_TIME, 'birth-time-url'), 'has-birth-time'));
  b.set('Patient.birthDate.extension.value[x]:valueDateTime', b.cond(hasBirthTime, b.call('DTM[dateTime]', b.src('PID-7'), 'birth-time'), 'has-birth-time-value'));

  b.set('Patient.deceased[x]:deceasedDateTime', b.call('DTM[dateTime]', b.src('PID-29'), 'death-time'));
  b.set('Patient.deceased[x]:deceasedBoolean', b.cond("PID-29 = null and (PID-30 = 'Y' or PID-30 = 'N')", b.cond("PID-30 = 'Y'", undefined, 'death-indicator'), 'death-indicator-when'));
  return b.build();
}
