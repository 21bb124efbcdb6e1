import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import * as vocabulary from '../../shared/common/library/valueMaps';
import { assembleExample } from './assembleExample';
import { eiOrderNumber } from './maps/eiOrderNumber';
import { obrDiagnosticReport } from './maps/obrDiagnosticReport';
import { nteAnnotation } from './maps/nteAnnotation';
import { obxObservation, obxObservationComponent, obxObservationValue } from './maps/obxObservation';
import { obxObservationIdentifier } from './maps/obxObservationIdentifier';
import { obxValueTypes } from './maps/obxValueTypes';
import { oruR01 } from './maps/oruR01';
import { pidPatientIdentity } from './maps/pidPatientIdentity';
import { spmSpecimen } from './maps/spmSpecimen';

/**
 * examples/oru-r01-to-observations.crosswalk.json: lab results. HL7 v2 ORU^R01 → a transaction
 * Bundle of the Patient, one laboratory Observation per OBX (every value type, its notes, its
 * performing organization and director), one Specimen per SPM and one DiagnosticReport per
 * order, read by the message structure's groups: each report lists only its own results.
 */
export function buildOruR01ToObservations(): MappingSpec {
  return assembleExample(
    [oruR01(), pidPatientIdentity(), obxObservation(), obxObservationComponent(), obxObservationValue(), obxObservationIdentifier(), nteAnnotation(), spmSpecimen(), obrDiagnosticReport(), eiOrderNumber('Placer'), eiOrderNumber('Filler')],
    [vocabulary.administrativeSex, vocabulary.observationStatus, vocabulary.interpretation, obxValueTypes, vocabulary.diagnosticReportStatus, vocabulary.diagnosticServiceSection],
    { defaultTimezone: 'Z' },
  );
}
