import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/** LOINC codes of the order OBX that the Immunization holds itself rather than an Observation (VXU_V04 message map comment). */
export const IMMUNIZATION_OBX = { eligibility: '64994-7', fundingSource: '30963-3' } as const;

/** True for an OBX the Immunization holds (an expression over the current OBX). */
export const isImmunizationObx = `OBX-3.3 = 'LN' and (OBX-3.1 = '${IMMUNIZATION_OBX.eligibility}' or OBX-3.1 = '${IMMUNIZATION_OBX.fundingSource}')`;

/**
 * OBX[Immunization]: the observations about a dose that the IG's VXU_V04 message map says "may
 * map to elements within the Immunization resource rather than an independent Observation":
 * the patient's eligibility for the dose's funding program (LOINC 64994-7 → programEligibility)
 * and the dose's funding source (30963-3 → fundingSource), as the US CDC IG sends them. The
 * vaccine information statements stay Observations of the dose (the IG's OBX[Observation] row):
 * FHIR's Immunization.education pairs a statement with its dates by OBX-4, which no map here reads.
 */
export function obxImmunization(): MapDefinition {
  const b = new MapBuilder('OBX[Immunization]', 'segment', hl7Segment('OBX'), fhirResource('Immunization'))
    .describe('OBX → Immunization eligibility and funding', 'The funding program eligibility and funding source of a dose, from its OBX.');
  const is = (code: string) => `OBX-3.3 = 'LN' and OBX-3.1 = '${code}'`;
  b.set('Immunization.programEligibility', b.call('CWE[CodeableConcept]', b.cond(is(IMMUNIZATION_OBX.eligibility), b.src('OBX-5'), 'is-eligibility'), 'eligibility'));
  b.set('Immunization.fundingSource', b.call('CWE[CodeableConcept]', b.cond(is(IMMUNIZATION_OBX.fundingSource), b.src('OBX-5'), 'is-funding-source'), 'funding-source'));
  return b.build();
}
