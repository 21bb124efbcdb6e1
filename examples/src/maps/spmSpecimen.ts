import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * SPM[Specimen] (IG "HL7 Segment - FHIR R4_ SPM[Specimen]"): the specimen a report's results were
 * measured on: its placer and filler identifiers (SPM-2), type, collection (method, body site,
 * amount, time), description, received time, condition and container type. Coded fields are kept
 * as the sender coded them (CWE[CodeableConcept]): the IG's vocabulary maps for them (SpecimenType
 * …) have no rows yet. The subject is the message map's.
 */
export function spmSpecimen(): MapDefinition {
  const b = new MapBuilder('SPM[Specimen]', 'segment', hl7Segment('SPM'), fhirResource('Specimen'))
    .describe('SPM → Specimen', 'A specimen from its SPM segment, as the IG\'s SPM[Specimen] map says.');
  b.set('Specimen.identifier', b.call('EIP[Identifier-PlacerAssignedIdentifier]', b.src('SPM-2'), 'placer-id'));
  b.set('Specimen.identifier', b.call('EIP[Identifier-FillerAssignedIdentifier]', b.src('SPM-2'), 'filler-id'), 1);
  b.set('Specimen.type', b.call('CWE[CodeableConcept]', b.src('SPM-4'), 'specimen-type'));
  b.set('Specimen.collection.method', b.call('CWE[CodeableConcept]', b.src('SPM-7'), 'collection-method'));
  b.set('Specimen.collection.bodySite', b.call('CWE[CodeableConcept]', b.src('SPM-8'), 'source-site'));
  b.set('Specimen.collection.quantity', b.call('CQ[Quantity]', b.src('SPM-12'), 'amount'));
  // SPM-17 is a range: a Period when it has an end, else the moment of collection.
  b.set('Specimen.collection.collected[x]:collectedPeriod', b.call('DR[Period]', b.cond('SPM-17.2 != null', b.src('SPM-17'), 'collected-over'), 'collection-period'));
  b.set('Specimen.collection.collected[x]:collectedDateTime', b.call('DTM[dateTime]', b.cond('SPM-17.2 = null', b.src('SPM-17.1'), 'collected-at'), 'collection-time'));
  b.set('Specimen.receivedTime', b.call('DTM[dateTime]', b.src('SPM-18'), 'received'));
  b.set('Specimen.note.text', b.fn('string.formattedText', { value: b.src('SPM-14') }, { commands: false }, 'description'));
  b.set('Specimen.condition', b.call('CWE[CodeableConcept]', b.src('SPM-24'), 'condition'));
  b.set('Specimen.container.type', b.call('CWE[CodeableConcept]', b.src('SPM-27'), 'container-type'));
  return b.build();
}
