import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * EIP[Identifier-PlacerAssignedIdentifier] and EIP[Identifier-FillerAssignedIdentifier] — their IG
 * tables: the placer's (EIP.1) or the filler's (EIP.2) entity identifier of a pair (SPM-2, OBX-33)
 * as an Identifier, its value EI.1, typed PGN or FGN (v2-0203). EI.2–4, the assigning authority,
 * have only "extension??" placeholders in the IG's EI tables and are not written.
 */
function build(side: 'Placer' | 'Filler') {
  const component = side === 'Placer' ? 'EIP.1' : 'EIP.2';
  const type = side === 'Placer' ? 'PGN' : 'FGN';
  const b = new MapBuilder(`EIP[Identifier-${side}AssignedIdentifier]`, 'datatype', hl7Datatype('EIP'), fhirType('Identifier'))
    .describe(`EIP → Identifier (${side.toLowerCase()})`, `The ${side.toLowerCase()}-assigned identifier of an entity identifier pair (SPM-2): ${component}'s EI.1, typed ${type}.`)
    .when(`string.trim(${component}.1) != null`);
  b.set('Identifier.value', b.fn('string.trim', { value: b.src(`${component}.1`) }, undefined, 'value'));
  b.set('Identifier.type.coding.code', b.constant(type, type));
  b.set('Identifier.type.coding.system', b.constant('http://terminology.hl7.org/CodeSystem/v2-0203', 'v2-0203'));
  return b.build();
}

export const eipPlacerIdentifier = build('Placer');
export const eipFillerIdentifier = build('Filler');
