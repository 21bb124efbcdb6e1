import { MapBuilder, fhirType, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * NTE[Annotation] (IG "HL7 Segment - FHIR R4_ NTE[Observation]", the `note` rows): NTE-3, formatted
 * text whose every repetition is a line, as the markdown of note.text (formatting decoded, line
 * breaks kept as markdown hard breaks); NTE-5 as the author (a logical Reference, XCN[Reference],
 * where the IG makes a Practitioner); NTE-6 as the time. The message map places it: on the
 * Observation of the OBX it follows, or on the report of the OBR it follows.
 */
export function nteAnnotation(): MapDefinition {
  const b = new MapBuilder('NTE[Annotation]', 'segment', hl7Segment('NTE'), fhirType('Annotation'))
    .describe('NTE → Annotation', 'A note from an NTE segment: its comment lines as markdown, who entered it and when.')
    .when('logic.count(NTE-3) > 0');
  b.set('Annotation.text', b.fn('string.formattedText', { value: b.src('NTE-3') }, { format: 'markdown' }, 'text'));
  b.set('Annotation.author[x]:authorReference', b.call('XCN[Reference]', b.src('NTE-5'), 'entered-by'));
  b.set('Annotation.time', b.call('DTM[dateTime]', b.src('NTE-6'), 'entered'));
  return b.build();
}
