import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * OBX[Observation-identifier]: the result's business identifier, so a replayed or corrected
 * result finds the Observation it was. The IG's guidance (ORC[DiagnosticReport], ORC-2 comment):
 * the filler order number (ORC-3, else OBR-3 of the same order), with its system or assigner,
 * made unique per result by the observation code (OBX-3.1) and sub-ID (OBX-4):
 * `1045813-1554-5`, `986-625-4-1`. A result without an order number or a code (a TX
 * continuation line) gets none: nothing identifies it across messages.
 */
export function obxObservationIdentifier(): MapDefinition {
  const b = new MapBuilder('OBX[Observation-identifier]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX → Observation.identifier', 'Filler order number, observation code and sub-ID: the identifier a corrected result is matched on.');
  b.set('Observation.identifier', b.call('EI[Identifier]', b.cond('OBX-3.1 != null and ORC-3.1 != null', b.src('ORC-3'), 'filler-in-ORC'), 'filler-ORC'));
  b.set('Observation.identifier', b.call('EI[Identifier]', b.cond('OBX-3.1 != null and ORC-3.1 = null', b.src('OBR-3'), 'filler-in-OBR'), 'filler-OBR'));
  const filler = b.fnMany('logic.coalesce', 'values', [b.src('ORC-3.1'), b.src('OBR-3.1')], 'filler-number');
  const value = b.fnMany('string.concat', 'values', [filler, b.src('OBX-3.1'), b.src('OBX-4')], 'result-number', { separator: '-' });
  // After the order number's own value (order 1): the same identifier, its value made per result.
  b.set('Observation.identifier.value', b.cond('OBX-3.1 != null and (ORC-3.1 != null or OBR-3.1 != null)', value, 'has-filler-and-code'), 1);
  return b.build();
}
