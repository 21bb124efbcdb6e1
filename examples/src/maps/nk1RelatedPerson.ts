import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { administrativeSex } from '../../../shared/common/library/valueMaps';

/** NK1-3 codes of an organization (employer, agency, insurer): the IG makes them a Patient.contact only, not a RelatedPerson. */
export const NK1_IS_PERSON = "not (NK1-3.1 = 'EMR' or NK1-3.1 = 'E' or NK1-3.1 = 'F' or NK1-3.1 = 'I' or NK1-3.1 = 'S')";

/**
 * What NK1[RelatedPerson] and NK1[Patient] (Patient.contact) both take from an NK1, under `root`:
 * the name and address (every repetition, or the first where FHIR has one), relationship NK1-3
 * then the contact role NK1-7, home phone NK1-5 and business phone NK1-6 (use work), the period
 * NK1-8/9 and gender NK1-15.
 */
export function nk1Person(b: MapBuilder, root: string, single: boolean): void {
  const first = (field: string): string => (single ? `${field}[1]` : field);
  b.set(`${root}.name`, b.call('XPN[HumanName]', b.src(first('NK1-2')), 'name'));
  b.set(`${root}.address`, b.call('XAD[Address]', b.src(first('NK1-4')), 'address'));
  b.set(`${root}.relationship`, b.call('CWE[CodeableConcept]', b.src('NK1-3'), 'relationship'));
  b.set(`${root}.relationship`, b.call('CWE[CodeableConcept]', b.src('NK1-7'), 'contact-role'), 1);
  for (const [field, order] of [['NK1-5', 0], ['NK1-6', 1]] as const) {
    const hasNumber = `${field}.1 != null or ${field}.4 != null or ${field}.7 != null or ${field}.12 != null`;
    b.each(`${root}.telecom`, b.cond(hasNumber, b.src(field), `${field}-has-number`), order);
    b.set(`${root}.telecom`, b.call('XTN[ContactPoint]', b.src(field), `${field}-contact`));
  }
  // NK1-6 is the business number: the IG sets its use to work whatever XTN-2 says.
  b.set(`${root}.telecom.use`, b.cond('NK1-6 != null', b.constant('work', 'work'), 'business-phone'), 2);
  b.set(`${root}.period.start`, b.call('DT[date]', b.src('NK1-8'), 'start'));
  b.set(`${root}.period.end`, b.call('DT[date]', b.src('NK1-9'), 'end'));
  b.set(`${root}.gender`, b.map(administrativeSex.id, b.src('NK1-15'), 'code', 'gender'));
}

/**
 * NK1[RelatedPerson] (IG "HL7 Segment - FHIR R4_ NK1[RelatedPerson]"): a next of kin or associated
 * party who is a person, with identifiers NK1-12 and NK1-33, birth date NK1-16 and language NK1-20
 * besides what Patient.contact also takes. The patient reference is the message map's.
 */
export function nk1RelatedPerson(): MapDefinition {
  const b = new MapBuilder('NK1[RelatedPerson]', 'segment', hl7Segment('NK1'), fhirResource('RelatedPerson'))
    .describe('NK1 → RelatedPerson', 'A next of kin or associated party from the NK1 segment, as the IG\'s NK1[RelatedPerson] map says.');
  nk1Person(b, 'RelatedPerson', false);
  b.set('RelatedPerson.identifier', b.call('CX[Identifier]', b.src('NK1-12'), 'identifier'));
  b.set('RelatedPerson.identifier', b.call('CX[Identifier]', b.src('NK1-33'), 'other-identifier'), 1);
  b.set('RelatedPerson.birthDate', b.call('DTM[date]', b.src('NK1-16'), 'birth-date'));
  b.set('RelatedPerson.communication.language', b.call('CWE[CodeableConcept]', b.src('NK1-20'), 'language'));
  return b.build();
}
