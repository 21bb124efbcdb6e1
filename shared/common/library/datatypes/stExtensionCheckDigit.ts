import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import type { MapDefinition } from '../../mapping/spec/MappingSpec';

/**
 * An extension holding one component as valueString, nothing when it is empty: the check digit
 * extensions the IG's CX[Identifier] and XCN[Practitioner] tables write inline (`extension[1].url`
 * and `.valueString`). Maps of their own because an Identifier can carry several extensions and
 * a map call appends one item each.
 */
export function stringExtensionMap(id: string, type: string, url: string, label: string, description: string): MapDefinition {
  const b = new MapBuilder(id, 'datatype', hl7Datatype(type), fhirType('Extension'))
    .describe(label, description)
    .when(`${type}.1 != null`);
  b.set('Extension.url', b.constant(url, 'url'));
  b.set('Extension.value[x]:valueString', b.src(type));
  return b.build();
}

/** ST[Extension-checkDigit]: the identifier-checkDigit extension from a check digit (CX.2, XCN.11). */
export const stExtensionCheckDigit = stringExtensionMap('ST[Extension-checkDigit]', 'ST', 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit',
  'Check digit → Extension', 'The identifier-checkDigit extension holding a check digit (CX.2, XCN.11); nothing when it is empty.');
