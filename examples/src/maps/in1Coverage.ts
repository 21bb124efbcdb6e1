import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { namesOrganization } from './pd1Patient';

/** IN1-17 "SEL" (self, table 0063): the insured is the patient. */
export const INSURED_IS_PATIENT = "IN1-17.1 = 'SEL'";

/**
 * IN1[Coverage] (IG "HL7 Segment - FHIR R4_ IN1[Coverage]"): the plan, the period, the plan type,
 * the insured's relationship to the patient. The payor (the insurance company, IN1-4 with its
 * address IN1-5), the beneficiary and the subscriber are references the message map writes.
 */
export function in1Coverage(): MapDefinition {
  const b = new MapBuilder('IN1[Coverage]', 'segment', hl7Segment('IN1'), fhirResource('Coverage'))
    .describe('IN1 → Coverage', 'An insurance of the patient from the IN1 segment, as the IG\'s IN1[Coverage] map says.');
  // The IG's table writes no status, which FHIR requires: an insurance a message lists is in force.
  b.set('Coverage.status', b.constant('active', 'active'));
  b.set('Coverage.identifier.value', b.cond('IN1-2.1 != null', b.src('IN1-2.1'), 'has-plan'));
  b.set('Coverage.period.start', b.call('DT[date]', b.src('IN1-12'), 'start'));
  b.set('Coverage.period.end', b.call('DT[date]', b.src('IN1-13'), 'end'));
  b.set('Coverage.type', b.call('CWE[CodeableConcept]', b.src('IN1-15'), 'plan-type'));
  b.set('Coverage.relationship', b.call('CWE[CodeableConcept]', b.src('IN1-17'), 'relationship'));
  b.set('Coverage.payor', b.cond(namesOrganization('IN1-4'), b.ref('payor'), 'names-payor'));
  return b.build();
}
