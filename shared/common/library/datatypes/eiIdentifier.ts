import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { universalIdUri } from './hdUri';

/**
 * EI[Identifier]: an entity identifier (ORC-2/ORC-3 and OBR-2/OBR-3 order numbers) as an
 * Identifier, following the IG's EI[Identifier-System] table: EI.1 the value; EI.3 the system
 * when EI.4 says what it is (universalIdUri, as HD[uri] reads HD.2/HD.3); else the namespace EI.2
 * as the assigner, as CX[Identifier] gives a bare namespace. The IG's EI[Identifier-Extension]
 * keeps EI.2–EI.4 in an assigning-authority extension it has not defined yet, and its
 * EI[Identifier-System] writes EI.4 as the type; here the caller types the identifier (PLAC, FILL).
 */
function build() {
  const b = new MapBuilder('EI[Identifier]', 'datatype', hl7Datatype('EI'), fhirType('Identifier'))
    .describe('EI → Identifier', 'An Identifier from an entity identifier (placer and filler order numbers): value, system from the universal id, else the namespace as assigner. Nothing when EI.1 is empty.')
    .when('string.trim(EI.1) != null');
  b.set('Identifier.value', b.fn('string.trim', { value: b.src('EI.1') }, undefined, 'value'));
  const system = universalIdUri(b, { universalId: 'EI.3', universalIdType: 'EI.4' });
  b.set('Identifier.system', system);
  // A namespace that names no system (GHH LAB) is the organization that assigned the number. Its
  // first part only: some senders put a whole HD in EI.2 (`REDDING HOSPITAL&1.1.1.1&GUID`).
  b.set('Identifier.assigner.display', b.fn('logic.if', { condition: system, else: b.src('EI.2.1') }, undefined, 'namespace-unless-system'));
  return b.build();
}

export const eiIdentifier = build();
