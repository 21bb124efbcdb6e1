import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { namesPerson } from './pv1Participants';

const SNOMED = 'http://snomed.info/sct';

/** A person field of PR1 that the IG makes a Procedure performer, and the message map a Practitioner. */
export const PR1_PERFORMERS: readonly { field: string; target: string; function?: { coding: { system: string; code: string }[] } }[] = [
  { field: 'PR1-8[1]', target: 'anesthesiologist', function: { coding: [{ system: SNOMED, code: '88189002' }] } },
  { field: 'PR1-11[1]', target: 'surgeon', function: { coding: [{ system: SNOMED, code: '304292004' }] } },
  { field: 'PR1-12[1]', target: 'procedure-practitioner' },
];

/**
 * PR1[Procedure] (IG "HL7 Segment - FHIR R4_ PR1[Procedure]"): the procedure code (its text PR1-4
 * when the code has no original text), when it was performed, its category, reason and
 * identifier, and the anesthesiologist, surgeon and other practitioner as performers, pointing at
 * the Practitioners the message map makes from the same fields (its targets `anesthesiologist`,
 * `surgeon`, `procedure-practitioner`).
 */
export function pr1Procedure(): MapDefinition {
  const b = new MapBuilder('PR1[Procedure]', 'segment', hl7Segment('PR1'), fhirResource('Procedure'))
    .describe('PR1 → Procedure', 'A procedure from the PR1 segment, as the IG\'s PR1[Procedure] map says.');
  // The IG: the status depends on the message context, "if not clear, use unknown"; an ADT says
  // only that the procedure is on the patient's record.
  b.set('Procedure.status', b.constant('unknown', 'status-unknown'));
  b.set('Procedure.code', b.call('CNE[CodeableConcept]', b.src('PR1-3'), 'procedure'));
  b.set('Procedure.code.text', b.cond('PR1-3.9 = null', b.src('PR1-4'), 'no-original-text'));
  b.set('Procedure.performed[x]:performedDateTime', b.call('DTM[dateTime]', b.src('PR1-5'), 'performed'));
  b.set('Procedure.category', b.call('CWE[CodeableConcept]', b.src('PR1-6'), 'functional-type'));
  PR1_PERFORMERS.forEach(({ field, target, function: role }, order) => {
    b.each('Procedure.performer', b.cond(namesPerson(field), b.src(field), `names-${target}`), order);
    if (role !== undefined) b.set('Procedure.performer.function', b.cond(namesPerson(field), b.constant(role, `${target}-function`), `${target}-is-function`));
    b.set('Procedure.performer.actor', b.cond(namesPerson(field), b.ref(target), `${target}-is`));
  });
  b.set('Procedure.reasonCode', b.call('CWE[CodeableConcept]', b.src('PR1-15'), 'reason'));
  b.set('Procedure.identifier', b.call('EI[Identifier]', b.cond('PR1-19.1 != null', b.src('PR1-19'), 'has-identifier'), 'procedure-identifier'));
  return b.build();
}
