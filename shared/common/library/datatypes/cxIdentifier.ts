import { MapBuilder, fhirType, hl7Datatype, type From } from '../../mapping/build/MapBuilder';
import { identifierType } from '../valueMaps/identifierType';
import { dateInDatatype } from './dateInDatatype';

/** The components an Identifier is drawn from (`CX.1`, `XCN.9` …); the value may also be a node's output. */
export interface IdentifierParts {
  value: string | From;
  checkDigit: string;
  checkDigitScheme: string;
  assigningAuthority: string;
  type: string;
}

/**
 * The links of an Identifier, shared by CX[Identifier] and XCN[Identifier]: the value (trimmed),
 * the check digit extensions, the assigning authority as system when it names one (HD[uri]),
 * else as the assigner (HD[Reference]: the IG's "organization or system" choice, made by what
 * the HD carries), and the type in the v2-0203 system.
 */
export function identifierLinks(b: MapBuilder, p: IdentifierParts): void {
  b.set('Identifier.value', b.fn('string.trim', { value: typeof p.value === 'string' ? b.src(p.value) : p.value }, undefined, 'value'));
  b.set('Identifier.extension', b.call('ST[Extension-checkDigit]', b.src(p.checkDigit), 'check-digit'));
  b.set('Identifier.extension', b.call('ID[Extension-checkDigitScheme]', b.src(p.checkDigitScheme), 'check-digit-scheme'), 1);
  const system = b.call('HD[uri]', b.src(p.assigningAuthority), 'system');
  b.set('Identifier.system', system);
  // An assigning authority that names no system (a namespace such as HOSP) is the organization that assigned the id.
  b.set('Identifier.assigner', b.fn('logic.if', { condition: system, else: b.call('HD[Reference]', b.src(p.assigningAuthority), 'assigning-authority') }, undefined, 'assigner-unless-system'));
  b.set('Identifier.type.coding', b.map(identifierType.id, b.fn('string.trim', { value: b.src(p.type) }, undefined, 'type-code'), 'coding', 'type'));
}

/**
 * CX[Identifier] — IG table "HL7 Data Type - FHIR R4_ CX[Identifier] - Sheet1.csv": identifierLinks
 * over CX.1–CX.5, and CX.7/CX.8 as the period. Deviations (libraryMaps.ts): CX.4 is the system
 * only when it names one, else the assigner as a Reference; the type keeps its v2-0203 system.
 */
function build() {
  const b = new MapBuilder('CX[Identifier]', 'datatype', hl7Datatype('CX'), fhirType('Identifier'))
    .describe('CX → Identifier', 'An Identifier from an extended composite ID (PID-3, MRG-1): value, check digit extensions, system or assigner from the assigning authority, type, validity period. Nothing when CX.1 is empty.')
    .when('string.trim(CX.1) != null');
  identifierLinks(b, { value: 'CX.1', checkDigit: 'CX.2', checkDigitScheme: 'CX.3', assigningAuthority: 'CX.4', type: 'CX.5' });
  b.set('Identifier.period.start', dateInDatatype(b, b.src('CX.7'), 'effective'));
  b.set('Identifier.period.end', dateInDatatype(b, b.src('CX.8'), 'expiration'));
  return b.build();
}

export const cxIdentifier = build();
