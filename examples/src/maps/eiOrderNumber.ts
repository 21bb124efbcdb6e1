import { MapBuilder, fhirType, hl7Datatype } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/**
 * EI[Identifier-Placer] and EI[Identifier-Filler]: an order number as the IG types it in
 * ORC[DiagnosticReport] and OBR[DiagnosticReport] (identifier[1] PLAC, identifier[2] FILL): the
 * library's EI[Identifier] and the v2-0203 type. The filler's is what a report is found by.
 */
export function eiOrderNumber(kind: 'Placer' | 'Filler'): MapDefinition {
  const code = kind === 'Placer' ? 'PLAC' : 'FILL';
  const b = new MapBuilder(`EI[Identifier-${kind}]`, 'datatype', hl7Datatype('EI'), fhirType('Identifier'))
    .describe(`EI → Identifier (${kind.toLowerCase()} order number)`, `The ${kind.toLowerCase()} order number as an Identifier of type ${code} (v2-0203). Nothing when EI.1 is empty.`)
    .when('string.trim(EI.1) != null');
  b.set('Identifier', b.call('EI[Identifier]', b.src('EI'), 'order-number'));
  b.set('Identifier.type', b.constant({ coding: [{ system: V2_0203, code }] }, code));
  return b.build();
}
