import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { xcnActor } from './xcnActor';

const V2_0443 = 'http://terminology.hl7.org/CodeSystem/v2-0443';

/**
 * ORC[Immunization] (IG "HL7 Segment - FHIR R4_ ORC[Immunization]"): the placer and filler order
 * numbers as identifiers (PLAC, FILL: the filler's is what a replayed or updated dose is found
 * by), when the order event was recorded (ORC-9), and the ordering provider (ORC-12, function OP):
 * the Practitioner of their identifier (target `ordering-provider`, where the IG makes a
 * PractitionerRole), or without one a reference naming them.
 */
export function orcImmunization(): MapDefinition {
  const b = new MapBuilder('ORC[Immunization]', 'segment', hl7Segment('ORC'), fhirResource('Immunization'))
    .describe('ORC → Immunization', 'The order numbers, recording time and ordering provider of a dose, from the ORC segment.');
  b.set('Immunization.identifier', b.call('EI[Identifier-Placer]', b.src('ORC-2'), 'placer'));
  b.set('Immunization.identifier', b.call('EI[Identifier-Filler]', b.src('ORC-3'), 'filler'), 1);
  b.set('Immunization.recorded', b.call('DTM[dateTime]', b.src('ORC-9'), 'order-event'));

  b.each('Immunization.performer', b.cond('ORC-12.1 != null or ORC-12.2 != null', b.src('ORC-12'), 'names-ordering'));
  b.set('Immunization.performer.function', b.cond('ORC-12.1 != null or ORC-12.2 != null', b.constant({ coding: [{ system: V2_0443, code: 'OP', display: 'Ordering Provider' }] }, 'OP'), 'is-ordering'));
  xcnActor(b, 'Immunization.performer.actor', 'ORC-12', 'ordering-provider', 'ordering');
  return b.build();
}
