import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import * as vocabulary from '../../shared/common/library/valueMaps';
import { assembleExample } from './assembleExample';
import { eiOrderNumber } from './maps/eiOrderNumber';
import { obrDiagnosticReport } from './maps/obrDiagnosticReport';
import { obxObservation, obxObservationValue } from './maps/obxObservation';
import { obxObservationIdentifier } from './maps/obxObservationIdentifier';
import { oruR01 } from './maps/oruR01';
import { pidPatientIdentity } from './maps/pidPatientIdentity';

/**
 * examples/oru-r01-to-observations.crosswalk.json: lab results. HL7 v2 ORU^R01 → a transaction
 * Bundle of the Patient, one laboratory Observation per OBX and one DiagnosticReport per order,
 * read by the message structure's groups: each report lists only the results of its own order.
 */
export function buildOruR01ToObservations(): MappingSpec {
  return assembleExample(
    [oruR01(), pidPatientIdentity(), obrDiagnosticReport(), obxObservation(), obxObservationValue(), obxObservationIdentifier(), eiOrderNumber('Placer'), eiOrderNumber('Filler')],
    [vocabulary.administrativeSex, vocabulary.observationStatus, vocabulary.interpretation, vocabulary.diagnosticReportStatus],
    { defaultTimezone: 'Z' },
  );
}
