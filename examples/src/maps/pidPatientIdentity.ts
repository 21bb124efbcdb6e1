import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { administrativeSex } from '../../../shared/common/library/valueMaps';

/**
 * PID[Patient] as the lab-results example draws it: who the results are about (identifiers, names,
 * gender, birth date), not the whole demographic record the ADT example maps.
 */
export function pidPatientIdentity(): MapDefinition {
  const b = new MapBuilder('PID[Patient]', 'segment', hl7Segment('PID'), fhirResource('Patient'))
    .describe('PID → Patient (identity)', 'The patient the results are about: identifiers, names, gender and birth date.');
  b.set('Patient.identifier', b.call('CX[Identifier]', b.src('PID-3')));
  b.set('Patient.name', b.call('XPN[HumanName]', b.src('PID-5')));
  b.set('Patient.gender', b.map(administrativeSex.id, b.src('PID-8'), 'code', 'gender'));
  b.set('Patient.birthDate', b.call('DTM[date]', b.src('PID-7'), 'birth-date'));
  return b.build();
}
