import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import * as vocabulary from '../../shared/common/library/valueMaps';
import { assembleExample } from './assembleExample';
import { adtA01 } from './maps/adtA01';
import { al1AllergyIntolerance } from './maps/al1AllergyIntolerance';
import { dg1Condition } from './maps/dg1Condition';
import { pr1Procedure } from './maps/pr1Procedure';
import { nk1RelatedPerson } from './maps/nk1RelatedPerson';
import { pd1Patient } from './maps/pd1Patient';
import { in1Coverage } from './maps/in1Coverage';
import { obxObservation, obxObservationComponent, obxObservationValue } from './maps/obxObservation';
import { obxValueTypes } from './maps/obxValueTypes';
import { pidPatient } from './maps/pidPatient';
import { pv1Encounter } from './maps/pv1Encounter';

/**
 * examples/adt-a01-to-fhir.crosswalk.json: HL7 v2 ADT^A01 → FHIR R4 transaction Bundle, as the HL7
 * v2-to-FHIR IG layers it: the message map ADT_A01, the segment maps PID[Patient], PV1[Encounter],
 * OBX[Observation] (with OBX[Observation-Component] and OBX[Observation-value]) and AL1[AllergyIntolerance], the library's data
 * type maps they call, and the IG vocabulary maps. examples/README.md lists every choice and
 * deviation.
 */
export function buildAdtA01ToFhir(): MappingSpec {
  return assembleExample(
    [adtA01(), pidPatient(), pv1Encounter(), obxObservation(), obxObservationComponent(), obxObservationValue(), al1AllergyIntolerance(), dg1Condition(), pr1Procedure(), nk1RelatedPerson(), pd1Patient(), in1Coverage()],
    [
      vocabulary.administrativeSex, vocabulary.encounterClass, vocabulary.encounterStatus, vocabulary.observationStatus,
      vocabulary.interpretation, obxValueTypes, vocabulary.allergenCategory, vocabulary.allergySeverity,
    ],
    { defaultTimezone: 'Z' },
  );
}
