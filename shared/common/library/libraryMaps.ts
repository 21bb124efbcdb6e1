import { canonicalJson } from '../bundle/canonicalJson';
import { CrosswalkError } from '../errors/CrosswalkError';
import type { MapDefinition, MappingSpec } from '../mapping/spec/MappingSpec';
import { normalizeMap } from '../mapping/spec/normalizeSpec';
import type { ValueMap } from '../valuemaps/ValueMap';
import { ceCodeableConcept } from './datatypes/ceCodeableConcept';
import { cneCodeableConcept } from './datatypes/cneCodeableConcept';
import { cnnReference } from './datatypes/cnnReference';
import { cqQuantity } from './datatypes/cqQuantity';
import { cweCodeableConcept } from './datatypes/cweCodeableConcept';
import { cweCoding } from './datatypes/cweCoding';
import { cweCodingAlternate } from './datatypes/cweCodingAlternate';
import { cweCodingSecondAlternate } from './datatypes/cweCodingSecondAlternate';
import { cweOrganization } from './datatypes/cweOrganization';
import { cweQuantity } from './datatypes/cweQuantity';
import { cxIdentifier } from './datatypes/cxIdentifier';
import { drPeriod } from './datatypes/drPeriod';
import { dtDate } from './datatypes/dtDate';
import { dtmDate } from './datatypes/dtmDate';
import { dtmDateTime } from './datatypes/dtmDateTime';
import { dtmInstant } from './datatypes/dtmInstant';
import { eiIdentifier } from './datatypes/eiIdentifier';
import { edAttachment } from './datatypes/edAttachment';
import { eipFillerIdentifier, eipPlacerIdentifier } from './datatypes/eipIdentifier';
import { fnHumanName } from './datatypes/fnHumanName';
import { hdReference } from './datatypes/hdReference';
import { hdUri } from './datatypes/hdUri';
import { idExtensionCheckDigitScheme } from './datatypes/idExtensionCheckDigitScheme';
import { isCodeableConcept } from './datatypes/isCodeableConcept';
import { ndlReference } from './datatypes/ndlReference';
import { nmQuantity } from './datatypes/nmQuantity';
import { nrRange } from './datatypes/nrRange';
import { plLocation } from './datatypes/plLocation';
import { plLocationLevelMaps, plLocationLevels } from './datatypes/plLocationLevels';
import { plReference } from './datatypes/plReference';
import { rpAttachment } from './datatypes/rpAttachment';
import { sadAddress } from './datatypes/sadAddress';
import { snQuantity } from './datatypes/snQuantity';
import { snRange } from './datatypes/snRange';
import { snRatio } from './datatypes/snRatio';
import { stExtensionCheckDigit } from './datatypes/stExtensionCheckDigit';
import { tmTime } from './datatypes/tmTime';
import { tsDateTime } from './datatypes/tsDateTime';
import { xadAddress } from './datatypes/xadAddress';
import { xcnHumanName } from './datatypes/xcnHumanName';
import { xcnIdentifier } from './datatypes/xcnIdentifier';
import { xcnPractitioner } from './datatypes/xcnPractitioner';
import { xcnReference } from './datatypes/xcnReference';
import { xonIdentifier } from './datatypes/xonIdentifier';
import { xonOrganization } from './datatypes/xonOrganization';
import { xpnHumanName } from './datatypes/xpnHumanName';
import { xtnContactPoint } from './datatypes/xtnContactPoint';
import { addressType, addressUse, degreeLicenseCertificate, identifierType, mimeType, nameType, snComparator, telecomSystem, telecomUse } from './valueMaps/index';

/**
 * Where a library map does not do what its IG table says. `rows` are the IG rows concerned, as
 * `<component> → <FHIR attribute>` the way the table writes them (`XTN.5 → extension[1].url`):
 * rows the map does not implement, or writes of the map the table does not list. A deviation in
 * a condition or a format, which changes no element, has no rows.
 */
export interface LibraryDeviation {
  rows?: readonly string[];
  reason: string;
}

/** One map of the library, as the studio lists it and copies it into a bundle. */
export interface LibraryMapEntry {
  map: MapDefinition;
  /** The map's label and description. */
  title: string;
  description: string;
  /**
   * The IG table the map is built from, a file of `mappings/datatypes/` in the v2-to-FHIR IG
   * (`HL7 Data Type - FHIR R4_ CX[Identifier] - Sheet1.csv`); none for a part of another map
   * (a coding, an extension) or a map the IG has no table for (its description says what it follows).
   */
  igTable?: string;
  /** The value maps its nodes use (not those of the maps it calls). */
  valueMaps: readonly ValueMap[];
  deviations: readonly LibraryDeviation[];
  /**
   * The function of shared/common/functions whose rule the map now draws, and where its output
   * differs from that function's (libraryMatchesFunctions.test.ts checks both).
   */
  replaces?: { functionId: string; differences: readonly string[] };
}

const igTable = (id: string): string => `HL7 Data Type - FHIR R4_ ${id} - Sheet1.csv`;

function entry(map: MapDefinition, rest: Omit<LibraryMapEntry, 'map' | 'title' | 'description' | 'igTable' | 'valueMaps' | 'deviations'> & { ig?: boolean; valueMaps?: readonly ValueMap[]; deviations?: readonly LibraryDeviation[] }): LibraryMapEntry {
  const { ig, valueMaps = [], deviations = [], ...more } = rest;
  return {
    map,
    title: map.label ?? map.id,
    description: map.description ?? '',
    ...(ig ? { igTable: igTable(map.id) } : {}),
    valueMaps,
    deviations,
    ...more,
  };
}

const LENIENT_DATES = 'Dates inside a data type keep only their date when they have a time but no timezone and the mapping sets no default, instead of failing the message (functions/README.md).';

/** The data type maps of the library, in the order the studio lists them. */
export const libraryMaps: readonly LibraryMapEntry[] = [
  entry(cxIdentifier, {
    ig: true,
    valueMaps: [identifierType],
    deviations: [
      { rows: ['CX.5 → type.coding.system'], reason: 'The type coding carries the v2-0203 system (the IdentifierType vocabulary, identifierType): FHIR identifier-type codes are v2-0203 codes, and a code without its system says little; the IG writes that system itself for XON.7 in XON[Organization].' },
      { reason: 'The assigning authority becomes assigner only when it names no system, as the Reference HD[Reference] (its namespace as display), since the library writes no Organization resources; copy the map and call HD[Organization]-style maps where a mapping has an Organization target.' },
      { reason: 'CX.4 becomes the system only when HD.3 says ISO, UUID or URI and HD.2 has that form (HD[uri]); the IG also writes a bare namespace (HD.1), which is not a URI.' },
      { reason: LENIENT_DATES },
    ],
    replaces: { functionId: 'datatype.identifierFromCx', differences: [] },
  }),
  entry(eiIdentifier, {}),
  entry(stExtensionCheckDigit, {}),
  entry(idExtensionCheckDigitScheme, {}),
  entry(hdUri, {
    ig: true,
    deviations: [
      { rows: ['HD.1 → $value'], reason: 'A namespace id (MRN, a facility mnemonic) is not a URI, and FHIR requires system to be one; CX[Identifier] gives it as assigner.display instead.' },
      { reason: 'HD.2 is written whatever HD.1 holds, and only in the form HD.3 names: ISO with an OID (urn:oid:), UUID with a UUID (urn:uuid:, lower case), URI without white space (as sent); another HD.3 (DNS, L) gives no system, since its HD.2 is no URI.' },
    ],
  }),
  entry(hdReference, {}),
  entry(xpnHumanName, {
    ig: true,
    valueMaps: [nameType],
    deviations: [
      { rows: ['XPN.11 → [1].extension.url', 'XPN.11 → [1].extension.valueCode'], reason: 'The name assembly order is not written: it says how to display the name, which FHIR renders from its parts; copy the map to add it.' },
      { rows: ['XPN.15 → [2].given', 'XPN.15 → [2].use'], reason: 'XPN.15 (called by) is a second HumanName; a data type map writes one, so the segment map adds it where the resource allows several names.' },
      { reason: LENIENT_DATES },
    ],
    replaces: { functionId: 'datatype.humanNameFromXpn', differences: ['A given name, prefix or suffix of white space only is written as sent; the function left it out.'] },
  }),
  entry(fnHumanName, {
    ig: true,
    deviations: [
      { rows: ['FN.2 → family.extension[1].url', 'FN.2 → family.extension[1].valueString', 'FN.3 → family.extension[2].url', 'FN.3 → family.extension[2].valueString', 'FN.4 → family.extension[3].url', 'FN.4 → family.extension[3].valueString', 'FN.5 → family.extension[3].url', 'FN.5 → family.extension[3].valueString'], reason: 'The surname parts (own and partner prefixes and surnames) are not written as family extensions: senders rarely split them, and FN.1 carries the whole surname.' },
    ],
  }),
  entry(drPeriod, { ig: true, deviations: [{ reason: LENIENT_DATES }] }),
  entry(xadAddress, {
    ig: true,
    valueMaps: [addressUse, addressType],
    deviations: [
      { reason: 'XAD.9 is read as sent: before v2.6 it is an IS county code (CWE.1), which the IG\'s CWE[string] (the text, for v2.7) would drop.' },
      { rows: ['XAD.7 → extension[1].url', 'XAD.7 → extension[1].valueCode', 'XAD.7 → extension[2].uri', 'XAD.7 → extension[2].valueCodeableConcept.coding.value', 'XAD.7 → extension[2].valueCodeableConcept.coding.system', 'XAD.10 → extension[3].url', 'XAD.10 → extension[3].valueCode'], reason: 'The address type and census tract extensions are not written: use and type carry the types FHIR has codes for; copy the map to add them.' },
      { reason: 'XAD.12 (validity range) gives the period only when XAD.13 and XAD.14 are empty, as the IG does for XPN.10: the later components replace it.' },
      { reason: LENIENT_DATES },
    ],
    replaces: {
      functionId: 'datatype.addressFromXad',
      differences: [
        'XAD.12 (validity range) gives the period when XAD.13/XAD.14 are empty; the function left it out.',
        'A line of white space only is written as sent; the function left it out.',
        'SAD.2 (street name) and SAD.3 (dwelling number) are lines after SAD.1, as the IG\'s SAD[Address] says; the function kept SAD.1 only, losing the street of `1000&Hospital Lane`.',
      ],
    },
  }),
  entry(sadAddress, { ig: true }),
  entry(xtnContactPoint, {
    ig: true,
    valueMaps: [telecomSystem, telecomUse],
    deviations: [
      { rows: ['XTN.3 → system.extension-data-absent-reason'], reason: 'Without XTN.3 the system is phone: FHIR (cpt-2) needs a system with a value, and the value read then is a number (XTN.12, XTN.1 or XTN.5–8); an e-mail address comes only with XTN.3 Internet or X.400.' },
      { rows: ['XTN.3 → use'], reason: 'CP (cellular) is a phone whose use is mobile: the IG maps CP to mobile in TelecommunicationEquipmentType, which is a contact-point-use code, not a system; XTN.2 still decides the use when it maps.' },
      { rows: ['XTN.5 → extension[1].url', 'XTN.5 → extension[1].valueString', 'XTN.6 → extension[2].url', 'XTN.6 → extension[2].valueString', 'XTN.7 → extension[3].url', 'XTN.7 → extension[3].valueString', 'XTN.8 → extension[4].url', 'XTN.8 → extension[4].valueString'], reason: 'The contactpoint-country/area/local/extension extensions are not written: the composed value carries the same parts; copy the map to add them.' },
      { reason: 'The composed number writes the area code in parentheses (`+1 (555) 5551234 X89`), as people read it; the IG joins the parts with spaces only. It is composed whenever XTN.7 is sent (the IG needs XTN.6 too).' },
      { reason: LENIENT_DATES },
    ],
    replaces: { functionId: 'datatype.contactPointFromXtn', differences: [] },
  }),
  entry(cweCodeableConcept, {
    ig: true,
    deviations: [
      { rows: ['CWE.2 → text'], reason: 'A CWE with text but no code and no original text (CWE.9) keeps its text as CodeableConcept.text; the IG would write a coding with a display and no code.' },
      { reason: 'A coding is written only when its code is valued (CWE.1, CWE.4, CWE.10); the coding system name becomes its URI (code.systemUri), and a local name gives no system.' },
    ],
    replaces: { functionId: 'code.codeableConceptFromCwe', differences: [] },
  }),
  entry(ceCodeableConcept, {
    ig: true,
    deviations: [
      { rows: ['CE.7 → coding[1].version', 'CE.8 → coding[2].version', 'CE.9 → text', 'CE.10 → coding[3].code', 'CE.11 → coding[3].display', 'CE.12 → coding[3].system', 'CE.13 → coding[3].version', 'CE.2 → text'], reason: 'CE is read as the CWE it became in v2.6 (CWE[CodeableConcept]); a CE has no components after CE.6, so those reads are empty.' },
    ],
    replaces: { functionId: 'code.codeableConceptFromCwe', differences: [] },
  }),
  entry(cneCodeableConcept, {
    ig: true,
    deviations: [{ rows: ['CNE.2 → text'], reason: 'As CWE[CodeableConcept]: a CNE with text but no code keeps it as text.' }],
    replaces: { functionId: 'code.codeableConceptFromCwe', differences: [] },
  }),
  entry(cweCoding, {
    ig: true,
    deviations: [{ reason: 'The coding system name becomes its URI (code.systemUri, as the IG comment on CWE.3 asks); a local name gives no system rather than a non-URI.' }],
    replaces: { functionId: 'code.codingFromCwe', differences: [] },
  }),
  entry(cweCodingAlternate, {}),
  entry(cweCodingSecondAlternate, {}),
  entry(cweQuantity, {
    ig: true,
    replaces: {
      functionId: 'datatype.quantityFromNm',
      differences: [
        'Only the unit part: the value comes from NM[Quantity] or SN[Quantity], linked onto the same Quantity.',
        "The function's inferUcum parameter has no counterpart: the map always recognises UCUM units sent without a system (copy it to change that).",
      ],
    },
    deviations: [
      { reason: 'A unit sent without a coding system, or with a legacy unit table (ISO+, ISO, ANS+, ANSI), that is recognisably UCUM (kg, lb, mm[Hg]) gets the UCUM system and code, which FHIR\'s vital-signs profiles want; the IG writes system and code only when CWE.3 is valued. A UCUM code is written the way UCUM spells it (mmHg → mm[Hg]), legacy upper-case codes as the UCUM they mean (ML → mL, not megalitre; functions/unit/legacyUnits.ts), and a code the sender calls UCUM that is not UCUM is left as the unit\'s text with no system and code, where the IG would copy it into Quantity.code.' },
      { reason: 'A code whose coding system has no URI (a local 99zzz name) is not written: FHIR allows a Quantity code only with its system (qty-3).' },
    ],
  }),
  entry(nmQuantity, {
    ig: true,
    replaces: { functionId: 'datatype.quantityFromNm', differences: ['Only the value: the unit comes from CWE[Quantity] on the units field, linked onto the same Quantity.'] },
  }),
  entry(snQuantity, {
    ig: true,
    valueMaps: [snComparator],
    replaces: {
      functionId: 'datatype.quantityFromSn',
      differences: [
        'An SN of another kind gives nothing instead of SN_UNSUPPORTED: the OBX map chooses SN[Quantity], SN[Range] or SN[Ratio] by SN.3, as the IG does.',
        'A comparator FHIR has not fails with VALUEMAP_UNMAPPED (value map sn-comparator) instead of SN_UNSUPPORTED.',
      ],
    },
    deviations: [
      { rows: ['SN → extension[1].url', 'SN → extension[1].valueString'], reason: 'The originalText extension is not written: SN[Quantity] maps an SN without a separator, whose number and comparator are the whole text.' },
      { reason: 'A comparator other than < <= >= > = fails the message (VALUEMAP_UNMAPPED in sn-comparator), since dropping it would change the number\'s meaning.' },
    ],
  }),
  entry(snRange, {
    ig: true,
    replaces: {
      functionId: 'datatype.rangeFromSn',
      differences: [
        'An SN of another kind gives nothing instead of SN_UNSUPPORTED: the OBX map chooses SN[Quantity], SN[Range] or SN[Ratio] by SN.3, as the IG does.',
      ],
    },
    deviations: [{ rows: ['SN → extension[1].url', 'SN → extension[1].valueString'], reason: 'The originalText extension is not written: the Range holds both numbers.' }],
  }),
  entry(snRatio, {
    ig: true,
    valueMaps: [snComparator],
    replaces: {
      functionId: 'datatype.ratioFromSn',
      differences: [
        'An SN of another kind gives nothing instead of SN_UNSUPPORTED: the OBX map chooses SN[Quantity], SN[Range] or SN[Ratio] by SN.3, as the IG does.',
        'A comparator FHIR has not fails with VALUEMAP_UNMAPPED (value map sn-comparator) instead of SN_UNSUPPORTED.',
      ],
    },
    deviations: [{ rows: ['SN → extension[1].url', 'SN → extension[1].valueString'], reason: 'The originalText extension is not written: the Ratio holds both numbers and the comparator.' }],
  }),
  entry(cqQuantity, {
    ig: true,
    deviations: [{ rows: ['CQ.2 → system', 'CQ.2 → code'], reason: 'CQ.2 goes through CWE[Quantity], as OBX-6 does for NM, instead of CWE[string]: the unit text and, when it is UCUM, its system and code.' }],
  }),
  entry(nrRange, { ig: true }),
  entry(dtmDateTime, { ig: true, replaces: { functionId: 'date.hl7ToFhirDateTime', differences: [] } }),
  entry(tsDateTime, { ig: true, replaces: { functionId: 'date.hl7ToFhirDateTime', differences: [] } }),
  entry(dtmDate, { replaces: { functionId: 'date.hl7ToFhirDate', differences: [] } }),
  entry(dtDate, { replaces: { functionId: 'date.hl7ToFhirDate', differences: [] } }),
  entry(dtmInstant, { replaces: { functionId: 'date.hl7ToFhirInstant', differences: [] } }),
  entry(tmTime, {}),
  entry(isCodeableConcept, { ig: true }),
  entry(edAttachment, {
    ig: true,
    valueMaps: [mimeType],
    deviations: [
      { reason: 'The content type is the MIME type of the ED.3 subtype (v2-0291-mime-type: Octet-stream → application/octet-stream, PDF → application/pdf), since FHIR requires a MIME type and ED.3 is not one; a subtype the table does not know gives none, and data without one is application/octet-stream (att-1: data needs a content type).' },
      { reason: 'ED.5 becomes the data whatever its encoding; the IG\'s OBX[Observation] maps an ED only when OBX-5.4 is Base64, while its ED[Attachment] converts A and Hex too.' },
      { reason: 'The alternate-codes extension URL is http://hl7.org/fhir/StructureDefinition/alternate-codes: the table writes https, which no FHIR canonical uses (the IG writes http for the same extension in OBX[Observation]); its coding carries the v2-0191 system of ED.2.' },
    ],
  }),
  entry(rpAttachment, {
    ig: true,
    valueMaps: [mimeType],
    deviations: [
      { rows: ['RP.3 → contentType', 'RP.4 → contentType'], reason: 'The content type is the MIME type of the RP.4 subtype (v2-0291-mime-type), since the IG\'s RP.3 "/" RP.4 (SD/PICT) is no MIME type; RP.3 (type of data) adds nothing the subtype does not say.' },
    ],
  }),
  entry(plLocation, {
    ig: true,
    deviations: [
      { rows: ['PL.1 → [4].partOf.reference(Location[6])', 'PL.2 → [2].partOf.reference(Location[3])', 'PL.3 → [1].partOf.reference(Location[2])', 'PL.7 → [5].partOf.reference(Location[5])', 'PL.8 → [3].partOf.reference(Location[4])'], reason: 'A data type map writes one resource, so PL[Location] is the most granular level sent, for a mapping that wants one Location; the IG\'s chain of Locations linked by partOf is one Location target per level in the message map, each built by its level\'s map (PL[Location-Bed] … PL[Location-Facility], as the ADT example does).' },
      { rows: ['PL.10 → [1].identifier[2]', 'PL.10 → [2].identifier[2]', 'PL.10 → [3].identifier[2]', 'PL.10 → [4].identifier[2]', 'PL.10 → [5].identifier[2]', 'PL.10 → [6].identifier[2]', 'PL.11 → [1-6].identifier[1].assigner(Organization)', 'PL.11 → [1-6].identifier[2].assigner(Organization)'], reason: 'The comprehensive location identifier (EI) and its assigning authority are not written: rarely sent, and they need the EI maps.' },
      { reason: 'The IG has no physical type code for a point of care (PL.1, "extension??-poc"), so none is written for it.' },
    ],
  }),
  ...plLocationLevelMaps.map((map, i) => entry(map, {
    deviations: [
      { reason: 'The description PL.9 goes on the most granular level sent; the IG\'s table puts it on the bed ([1]), which a location without a bed does not have.' },
      { reason: 'The comprehensive location identifier PL.10 and the assigning authority PL.11 are not written, as in PL[Location].' },
      ...(plLocationLevels[i].physicalType === undefined ? [{ reason: 'The IG has no physical type code for a point of care ("extension??-poc"), so none is written.' }] : []),
    ],
  })),
  entry(plReference, { replaces: { functionId: 'datatype.referenceFromPl', differences: ['The location parts are joined as sent (PL.9 is trimmed); the function trimmed each part.'] } }),
  entry(xcnPractitioner, {
    ig: true,
    valueMaps: [degreeLicenseCertificate],
    deviations: [
      { rows: ['XCN.13 → identifier[1].type.coding.system'], reason: 'The type coding carries the v2-0203 system (the IdentifierType vocabulary, identifierType): FHIR identifier-type codes are v2-0203 codes, and a code without its system says little; the IG writes that system itself for XON.7 in XON[Organization].' },
      { rows: ['XCN.18 → name.family.extension.url', 'XCN.18 → name.family.extension.valueCode'], reason: 'The name assembly order is not written, as in XPN[HumanName].' },
      { reason: 'XCN.9 becomes the identifier system only when it names one (HD[uri]), else the assigner (HD[Reference]), as in CX[Identifier].' },
      { reason: LENIENT_DATES },
    ],
  }),
  entry(xcnIdentifier, { valueMaps: [identifierType] }),
  entry(xcnHumanName, { valueMaps: [nameType] }),
  entry(xcnReference, {
    replaces: {
      functionId: 'datatype.referenceFromXcn',
      differences: [
        'The identifier is XCN[Identifier], the identifier of XCN[Practitioner]: it gains the XCN.11/XCN.12 check digit extensions and, when XCN.9 names no system, the assigner (its namespace), and an XCN.9 UUID becomes a urn:uuid: system.',
        'The display parts are joined as sent; the function trimmed each.',
      ],
    },
  }),
  entry(xonOrganization, { ig: true }),
  entry(xonIdentifier, { valueMaps: [identifierType] }),
  entry(cweOrganization, {
    ig: true,
    deviations: [{ reason: 'CWE.3 becomes the identifier system as a URI (code.systemUri, MVX → http://terminology.hl7.org/CodeSystem/MVX), as CWE[Coding] reads it; a local name gives no system. CWE.2 and CWE.9 both name it: the text, else the original text.' }],
  }),
  entry(eipPlacerIdentifier, { ig: true }),
  entry(eipFillerIdentifier, { ig: true }),
  entry(cnnReference, {}),
  entry(ndlReference, {}),
];

const byId: ReadonlyMap<string, LibraryMapEntry> = new Map(libraryMaps.map((e) => [e.map.id, e]));

/** Whether two maps are the same once their nodes and links are in canonical order (a bundle file keeps them sorted by id). */
function sameMap(a: MapDefinition, b: MapDefinition): boolean {
  return canonicalJson(normalizeMap(a)) === canonicalJson(normalizeMap(b));
}

/** Whether a map is the library's map of the same id, as shipped (so the library's deviations hold for it). */
export function isShippedLibraryMap(map: MapDefinition): boolean {
  const entry = byId.get(map.id);
  return entry !== undefined && sameMap(entry.map, map);
}

/** The library entry of a map id, or undefined. */
export function libraryMap(id: string): LibraryMapEntry | undefined {
  return byId.get(id);
}

/** The library map and every library map it calls, directly or not, the map first. */
export function libraryMapClosure(mapId: string): LibraryMapEntry[] {
  const out: LibraryMapEntry[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const found = byId.get(id);
    if (!found) throw new CrosswalkError('LIBRARY_UNKNOWN_MAP', `The map library has no map "${id}".`, { map: id });
    out.push(found);
    for (const node of found.map.nodes) if (node.kind === 'call') visit(node.map);
  };
  visit(mapId);
  return out;
}

/**
 * The spec with a library map added, and every map it calls and value map they use, so the
 * studio can drag a library map into a bundle. What the spec already has, identical, is kept; a
 * different map or value map under the same id is refused (LIBRARY_MAP_CONFLICT,
 * LIBRARY_VALUE_MAP_CONFLICT), since replacing it would change what the bundle does. The spec
 * is not changed: a new one is returned.
 */
export function copyLibraryMap(spec: MappingSpec, mapId: string): MappingSpec {
  const entries = libraryMapClosure(mapId);
  const maps = [...spec.maps];
  for (const { map } of entries) {
    const present = maps.find((m) => m.id === map.id);
    if (present === undefined) maps.push(map);
    else if (!sameMap(present, map)) {
      throw new CrosswalkError('LIBRARY_MAP_CONFLICT', `The mapping already has a map ${map.id} that differs from the library's, so the library map ${mapId} cannot be added; rename or remove that map first.`, { map: map.id });
    }
  }
  const valueMaps = [...spec.valueMaps];
  for (const valueMap of entries.flatMap((e) => e.valueMaps)) {
    const present = valueMaps.find((m) => m.id === valueMap.id);
    if (present === undefined) valueMaps.push(valueMap);
    else if (canonicalJson(present) !== canonicalJson(valueMap)) {
      throw new CrosswalkError('LIBRARY_VALUE_MAP_CONFLICT', `The mapping already has a value map "${valueMap.id}" that differs from the library's, so the library map ${mapId} cannot be added; rename or remove that value map first.`, { path: `valueMaps.${valueMap.id}` });
    }
  }
  return { ...spec, maps, valueMaps };
}
