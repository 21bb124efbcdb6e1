import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

const ASSERTED_DATE = 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate';

/**
 * DG1[Condition] (IG "HL7 Segment - FHIR R4_ DG1[Condition]"): the diagnosis code and its text,
 * onset, the date it was identified (recordedDate and the assertedDate extension, as the IG writes
 * both), its identifier, and entered-in-error for a deleted diagnosis. The subject and the asserter
 * (the first diagnosing clinician, DG1-16) point at resources the message map makes.
 */
export function dg1Condition(): MapDefinition {
  const b = new MapBuilder('DG1[Condition]', 'segment', hl7Segment('DG1'), fhirResource('Condition'))
    .describe('DG1 → Condition', 'A diagnosis from the DG1 segment, as the IG\'s DG1[Condition] map says.');
  b.set('Condition.code', b.call('CWE[CodeableConcept]', b.src('DG1-3'), 'diagnosis'));
  b.set('Condition.code.text', b.src('DG1-4'));
  b.set('Condition.onset[x]:onsetDateTime', b.call('DTM[dateTime]', b.src('DG1-5'), 'onset'));
  b.set('Condition.extension.url', b.cond('DG1-19 != null', b.constant(ASSERTED_DATE, 'asserted-date-url'), 'has-identified-date'));
  b.set('Condition.extension.value[x]:valueDateTime', b.call('DTM[dateTime]', b.src('DG1-19'), 'asserted'));
  b.set('Condition.recordedDate', b.call('DTM[dateTime]', b.src('DG1-19'), 'recorded'));
  b.set('Condition.identifier', b.call('EI[Identifier]', b.cond('DG1-20.1 != null', b.src('DG1-20'), 'has-identifier'), 'diagnosis-identifier'));
  // DG1-21 D (delete): the IG's only mapped action; A (add) and U (update) say nothing about the diagnosis.
  b.set('Condition.verificationStatus', b.cond("DG1-21 = 'D'", b.constant({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] }, 'entered-in-error'), 'deleted'));
  return b.build();
}
