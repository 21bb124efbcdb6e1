import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import * as vocabulary from '../../shared/common/library/valueMaps';
import { assembleExample } from './assembleExample';
import { eiOrderNumber } from './maps/eiOrderNumber';
import { immunizationInformationSource } from './maps/immunizationInformationSource';
import { obxImmunization } from './maps/obxImmunization';
import { obxObservation, obxObservationComponent, obxObservationValue } from './maps/obxObservation';
import { obxObservationIdentifier } from './maps/obxObservationIdentifier';
import { obxValueTypes } from './maps/obxValueTypes';
import { orcImmunization } from './maps/orcImmunization';
import { pidPatient } from './maps/pidPatient';
import { rxaImmunization } from './maps/rxaImmunization';
import { rxrImmunization } from './maps/rxrImmunization';
import { vxuV04 } from './maps/vxuV04';

/**
 * examples/vxu-v04-to-immunization.crosswalk.json: immunizations. HL7 v2 VXU^V04 → a transaction
 * Bundle of the Patient, one Immunization per order (RXA) and the observations about each dose,
 * read by the VXU_V04 structure's ORDER groups. Shares the ADT example's PID[Patient] and the ORU
 * example's OBX and order-number maps.
 */
export function buildVxuV04ToImmunization(): MappingSpec {
  return assembleExample(
    [
      vxuV04(), pidPatient(), orcImmunization(), rxaImmunization(), rxrImmunization(), obxImmunization(),
      obxObservation(), obxObservationComponent(), obxObservationValue(), obxObservationIdentifier(), eiOrderNumber('Placer'), eiOrderNumber('Filler'),
    ],
    [vocabulary.administrativeSex, vocabulary.completionStatus, immunizationInformationSource, vocabulary.observationStatus, vocabulary.interpretation, obxValueTypes],
    { defaultTimezone: 'Z' },
  );
}
