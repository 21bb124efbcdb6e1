import { beforeAll, describe, expect, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { functionDefinitions, requireFunction } from '../functions';
import { parseHl7 } from '../hl7v2';
import { MapBuilder, fhirType, hl7Datatype, hl7Message } from '../mapping/build/MapBuilder';
import { compileMapping } from '../mapping/compile/compileMapping';
import { readComposite } from '../mapping/compile/sourceRead';
import { MAPPING_FORMAT } from '../mapping/spec/formatVersion';
import { mapDefinitionSchema, type MappingSettings, type MappingSpec } from '../mapping/spec/MappingSpec';
import { normalizeSpec } from '../mapping/spec/normalizeSpec';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { fhirCatalog, readSample } from '../../node/fixtures/referenceFixtures';
import { copyLibraryMap, isShippedLibraryMap, libraryMap, libraryMaps } from './libraryMaps';
import { libraryHarness } from './testing/libraryHarness';
import { identifierType } from './valueMaps/identifierType';
import { jsonNumber } from '../json/Decimal';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Basic', 'Location', 'Practitioner', 'Patient', 'Organization']);
});

/** A spec with one message map, to copy library maps into. */
function emptySpec(): MappingSpec {
  const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'));
  b.target('patient', 'Patient');
  b.set('Patient.gender', b.src('PID-8'));
  return { format: MAPPING_FORMAT, maps: [b.build()], valueMaps: [], settings: { defaultTimezone: 'Z' } };
}

describe('the library', () => {
  test('has the IG data type maps, named as the IG names them, and their parts', () => {
    expect(libraryMaps.map((e) => e.map.id)).toEqual([
      'CX[Identifier]', 'EI[Identifier]', 'ST[Extension-checkDigit]', 'ID[Extension-checkDigitScheme]', 'HD[uri]', 'HD[Reference]',
      'XPN[HumanName]', 'FN[HumanName]', 'DR[Period]', 'XAD[Address]', 'SAD[Address]', 'XTN[ContactPoint]',
      'CWE[CodeableConcept]', 'CE[CodeableConcept]', 'CNE[CodeableConcept]', 'CWE[Coding]', 'CWE[Coding-Alternate]', 'CWE[Coding-SecondAlternate]',
      'CWE[Quantity]', 'NM[Quantity]', 'SN[Quantity]', 'SN[Range]', 'SN[Ratio]',
      'CQ[Quantity]', 'NR[Range]', 'DTM[dateTime]', 'TS[dateTime]', 'DTM[date]', 'DT[date]', 'DTM[instant]', 'TM[time]',
      'IS[CodeableConcept]', 'ED[Attachment]', 'RP[Attachment]',
      'PL[Location]', 'PL[Location-Bed]', 'PL[Location-Room]', 'PL[Location-Floor]', 'PL[Location-PointOfCare]', 'PL[Location-Building]', 'PL[Location-Facility]',
      'PL[Reference]', 'XCN[Practitioner]', 'XCN[Identifier]', 'XCN[HumanName]', 'XCN[Reference]',
      'XON[Organization]', 'XON[Identifier]', 'CWE[Organization]', 'EIP[Identifier-PlacerAssignedIdentifier]', 'EIP[Identifier-FillerAssignedIdentifier]', 'CNN[Reference]', 'NDL[Reference]',
    ]);
  });

  test.each(libraryMaps.map((e) => [e.map.id, e] as const))('%s is a valid data type map, small enough to read on a canvas, with its value maps listed', (_id, entry) => {
    expect(mapDefinitionSchema.safeParse(entry.map).success).toBe(true);
    expect(entry.map.kind).toBe('datatype');
    expect(entry.title).toBe(entry.map.label);
    expect(entry.description.length).toBeGreaterThan(20);
    expect(entry.map.nodes.length).toBeLessThan(25);
    const used = [...new Set(entry.map.nodes.flatMap((n) => (n.kind === 'valueMap' ? [n.valueMapId] : [])))].sort();
    expect(entry.valueMaps.map((v) => v.id).sort()).toEqual(used);
    for (const node of entry.map.nodes) if (node.kind === 'call') expect(libraryMap(node.map)).toBeDefined();
    for (const deviation of entry.deviations) expect(deviation.reason).toMatch(/^[A-Z(].*\.$/);
  });

  test('compiles as a whole, every map in one mapping', () => {
    let spec = emptySpec();
    for (const { map } of libraryMaps) spec = copyLibraryMap(spec, map.id);
    expect(spec.maps).toHaveLength(libraryMaps.length + 1);
    expect(() => compileMapping(parseSpec(spec), { elements: catalog })).not.toThrow();
  });
});

describe('copyLibraryMap', () => {
  test('adds the map, the maps it calls and the value maps they use, and leaves the spec it was given alone', () => {
    const spec = emptySpec();
    const before = JSON.stringify(spec);
    const copied = copyLibraryMap(spec, 'CX[Identifier]');
    expect(copied.maps.map((m) => m.id)).toEqual(['ADT_A01', 'CX[Identifier]', 'ST[Extension-checkDigit]', 'ID[Extension-checkDigitScheme]', 'HD[uri]', 'HD[Reference]']);
    expect(copied.valueMaps).toEqual([identifierType]);
    expect(JSON.stringify(spec)).toBe(before);
    expect(parseSpec(copied).maps).toHaveLength(6);
  });

  test('keeps what the spec already has: copying again, or a map sharing parts, adds nothing twice', () => {
    const once = copyLibraryMap(emptySpec(), 'CX[Identifier]');
    expect(copyLibraryMap(once, 'CX[Identifier]')).toEqual(once);
    const both = copyLibraryMap(once, 'XCN[Reference]');
    expect(both.maps.map((m) => m.id)).toEqual([...once.maps.map((m) => m.id), 'XCN[Reference]', 'XCN[Identifier]']);
    expect(both.valueMaps.map((v) => v.id)).toEqual(['v2-0203-identifier-type']);
  });

  test('keeps a map the spec has in canonical order (as a saved bundle has it): the same map, not a conflict', () => {
    const once = normalizeSpec(copyLibraryMap(emptySpec(), 'CX[Identifier]'));
    expect(once.maps.find((m) => m.id === 'CX[Identifier]')).not.toEqual(libraryMap('CX[Identifier]')?.map);
    expect(copyLibraryMap(once, 'CX[Identifier]')).toEqual(once);
    expect(once.maps.slice(1).every(isShippedLibraryMap)).toBe(true);
    expect(isShippedLibraryMap({ ...once.maps[1], when: 'CX.1 = null' })).toBe(false);
    expect(isShippedLibraryMap(once.maps[0])).toBe(false);
  });

  test('refuses a library map whose id the spec uses for a different map', () => {
    const spec = emptySpec();
    const mine = new MapBuilder('HD[uri]', 'datatype', hl7Datatype('HD'), fhirType('uri'));
    mine.set('uri', mine.src('HD.1'));
    spec.maps.push(mine.build());
    const error = errorOf(() => copyLibraryMap(spec, 'CX[Identifier]'));
    expect(error.code).toBe('LIBRARY_MAP_CONFLICT');
    expect(error.message).toBe("The mapping already has a map HD[uri] that differs from the library's, so the library map CX[Identifier] cannot be added; rename or remove that map first.");
    expect(error.where).toEqual({ map: 'HD[uri]' });
  });

  test('refuses a library map whose value map id the spec uses for a different value map', () => {
    const spec = { ...emptySpec(), valueMaps: [{ ...identifierType, entries: [{ source: 'MRN', target: 'MR' }] }] };
    const error = errorOf(() => copyLibraryMap(spec, 'XCN[Identifier]'));
    expect(error.code).toBe('LIBRARY_VALUE_MAP_CONFLICT');
    expect(error.message).toBe('The mapping already has a value map "v2-0203-identifier-type" that differs from the library\'s, so the library map XCN[Identifier] cannot be added; rename or remove that value map first.');
  });

  test('refuses a map the library does not have', () => {
    const error = errorOf(() => copyLibraryMap(emptySpec(), 'ZZ[Nothing]'));
    expect(error.code).toBe('LIBRARY_UNKNOWN_MAP');
    expect(error.message).toBe('The map library has no map "ZZ[Nothing]".');
  });
});

describe('what the maps write', () => {
  const run = (text: string, map: string, path: string, settings: MappingSettings = { defaultTimezone: 'Z' }) => libraryHarness(catalog, settings).run(parseHl7(`MSH|^~\\&|||||||ADT^A01|1|P|2.5.1\r${text}`), [{ map, path }]);

  test('EI[Identifier]: the value, the universal id as system when EI.4 names its kind, else the namespace as assigner', () => {
    expect(run('ZZZ|986^IA PHIMS Stage^2.16.840.1.114222.4.3.3.5.1.2^ISO', 'EI[Identifier]', 'ZZZ-1')).toEqual({ value: '986', system: 'urn:oid:2.16.840.1.114222.4.3.3.5.1.2' });
    expect(run('ZZZ| 1045813 ^GHH LAB', 'EI[Identifier]', 'ZZZ-1')).toEqual({ value: '1045813', assigner: { display: 'GHH LAB' } });
    expect(run('ZZZ|A7^LAB^http://lab.example.org/orders^URI', 'EI[Identifier]', 'ZZZ-1')).toEqual({ value: 'A7', system: 'http://lab.example.org/orders' });
    expect(run('ZZZ|A7^LAB^2.16.01^ISO', 'EI[Identifier]', 'ZZZ-1')).toEqual({ value: 'A7', assigner: { display: 'LAB' } });
    expect(run('ZZZ|^LAB^2.16.840.1^ISO', 'EI[Identifier]', 'ZZZ-1')).toBeUndefined();
    // A whole HD sent in EI.2 (hl7ig_MDM_T02.hl7, TXA-12): its namespace names the assigner.
    expect(run('ZZZ|3738931392^REDDING HOSPITAL&1.1.1.1&GUID', 'EI[Identifier]', 'ZZZ-1')).toEqual({ value: '3738931392', assigner: { display: 'REDDING HOSPITAL' } });
  });

  test('HD[uri]: an OID, a UUID or a URI as HD.3 names it; a namespace or another type gives none', () => {
    expect(run('ZZZ|^2.16.840.1.113883.19^ISO', 'HD[uri]', 'ZZZ-1')).toBe('urn:oid:2.16.840.1.113883.19');
    expect(run('ZZZ|^A3E1C2D4-1B2C-4D5E-8F90-123456789ABC^UUID', 'HD[uri]', 'ZZZ-1')).toBe('urn:uuid:a3e1c2d4-1b2c-4d5e-8f90-123456789abc');
    expect(run('ZZZ|^http://hospital.example.org/mrn^URI', 'HD[uri]', 'ZZZ-1')).toBe('http://hospital.example.org/mrn');
    expect(run('ZZZ|^2.16.01^ISO', 'HD[uri]', 'ZZZ-1')).toBeUndefined();
    expect(run('ZZZ|^hospital.example.org^DNS', 'HD[uri]', 'ZZZ-1')).toBeUndefined();
    expect(run('ZZZ|MRN', 'HD[uri]', 'ZZZ-1')).toBeUndefined();
    // Given one component (CX.4), HD.n are its subcomponents; HD.3 in any case.
    expect(run('ZZZ|x^^^MRN&1.2.3&iso', 'HD[uri]', 'ZZZ-1.4')).toBe('urn:oid:1.2.3');
  });

  test('CX[Identifier]: the assigning authority is the system when it names one, else the assigner', () => {
    expect(run('PID|||4567^^^HOSP&1.2.3&ISO^MR', 'CX[Identifier]', 'PID-3')).toEqual({ value: '4567', system: 'urn:oid:1.2.3', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } });
    expect(run('PID|||4567^^^HOSP^MR', 'CX[Identifier]', 'PID-3')).toEqual({ value: '4567', assigner: { display: 'HOSP' }, type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } });
    expect(run('PID|||^^^HOSP^MR', 'CX[Identifier]', 'PID-3')).toBeUndefined();
  });

  test('XAD[Address]: every part of the street is a line, and XAD.12 gives the period where XAD.13/XAD.14 are empty (listed differences from datatype.addressFromXad)', () => {
    const message = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7'));
    const old = requireFunction('datatype.addressFromXad').apply({ xad: readComposite(message.segment('PID')!, 11, 1, undefined, undefined) }, {}, {});
    expect(old).toEqual({ type: 'postal', line: ['1000', 'Ste. 123', 'Near Highway'], city: 'Ann Arbor ', state: 'MI', postalCode: '99999', country: 'USA' });
    // `1000&Hospital Lane^Ste. 123^…^Near Highway`: SAD.1, SAD.2, XAD.2, XAD.19.
    expect(libraryHarness(catalog).run(message, [{ map: 'XAD[Address]', path: 'PID-11[1]' }])).toEqual({ ...(old as object), line: ['1000', 'Hospital Lane', 'Ste. 123', 'Near Highway'], period: { start: '2000-01-10', end: '2000-01-20' } });
    expect(run('PID|||||||||||&Main Street&12^Flat 3', 'XAD[Address]', 'PID-11')).toEqual({ line: ['Main Street', '12', 'Flat 3'] });
    expect(run('PID|||||||||||^^^^^^^^^^^20000110&20000120^20010101', 'XAD[Address]', 'PID-11')).toEqual({ period: { start: '2001-01-01' } });
  });

  test('XCN[Reference]: the identifier is XCN[Identifier], with its check digits (a listed difference from datatype.referenceFromXcn)', () => {
    const message = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    const old = requireFunction('datatype.referenceFromXcn').apply({ xcn: readComposite(message.segment('OBR')!, 10, 1, undefined, undefined) }, {}, {});
    const type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
    expect(old).toEqual({ identifier: { value: '10535', type }, display: 'Dr Ludwig A van Beethoven III PHD' });
    expect(libraryHarness(catalog).run(message, [{ map: 'XCN[Reference]', path: 'OBR[1]-10[1]' }])).toEqual({
      identifier: {
        value: '10535', type,
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '3' },
          { url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: 'M10' },
        ],
      },
      display: 'Dr Ludwig A van Beethoven III PHD',
    });
    // A namespace in XCN.9 that names no system is the assigner, as in CX[Identifier].
    expect(run('PV1|||||||1134^Aly^Zafar^^^Dr.^^^PERSt&1.23&HCD', 'XCN[Reference]', 'PV1-7')).toEqual({ identifier: { value: '1134', assigner: { display: 'PERSt' } }, display: 'Dr. Zafar Aly' });
  });

  test('XCN[Practitioner]: identifier, name and degree of a real attending doctor', () => {
    const message = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    expect(libraryHarness(catalog).run(message, [{ map: 'XCN[Practitioner]', path: 'PV1[1]-7[1]' }])).toEqual({
      identifier: [{
        value: '1122334', assigner: { display: 'PERSONNELt' },
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BR' }] },
      }],
      name: [{ family: 'Alaz', given: ['Mohammed', 'Mahi'], prefix: ['Dr.'], suffix: ['JR', 'Al'], period: { start: '1924-10-10', end: '1924-10-15' } }],
      qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' }] } }],
    });
  });

  test('PL[Location]: the most granular level sent, with its physical type', () => {
    const message = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    expect(libraryHarness(catalog).run(message, [{ map: 'PL[Location]', path: 'PV1[1]-3[1]' }])).toEqual({
      identifier: [{ value: 'Bed 03' }], mode: 'instance',
      physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bd' }] },
    });
    const physical = (pl: string) => (run(`PV1|||${pl}`, 'PL[Location]', 'PV1-3') as { physicalType?: unknown } | undefined)?.physicalType;
    expect(physical('4EAST^136')).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'ro' }] });
    expect(physical('^^^^^^^2')).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'lvl' }] });
    expect(physical('ER')).toBeUndefined();
    expect(physical('^^^^^^MAIN')).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bu' }] });
    expect(physical('^^^GOOD HEALTH')).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'si' }] });
    expect(run('PV1|||^^^^^^^^Emergency room', 'PL[Location]', 'PV1-3')).toEqual({ mode: 'instance', description: 'Emergency room' });
    expect(run('PV1|||', 'PL[Location]', 'PV1-3')).toBeUndefined();
  });

  test('PL level maps: each level sent is its own Location, PREOP^101^1 is bed 1 of room 101 of PREOP; PL.9 describes the most granular', () => {
    const PHYSICAL = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
    const levels = ['Bed', 'Room', 'Floor', 'PointOfCare', 'Building', 'Facility'].map((level) => run('PV1|||PREOP^101^1^1^^^S', `PL[Location-${level}]`, 'PV1-3'));
    expect(levels).toEqual([
      { identifier: [{ value: '1' }], mode: 'instance', physicalType: { coding: [{ system: PHYSICAL, code: 'bd' }] } },
      { identifier: [{ value: '101' }], mode: 'instance', physicalType: { coding: [{ system: PHYSICAL, code: 'ro' }] } },
      undefined,
      { identifier: [{ value: 'PREOP' }], mode: 'instance' },
      { identifier: [{ value: 'S' }], mode: 'instance', physicalType: { coding: [{ system: PHYSICAL, code: 'bu' }] } },
      { identifier: [{ value: '1' }], mode: 'instance', physicalType: { coding: [{ system: PHYSICAL, code: 'si' }] } },
    ]);
    expect(run('PV1|||ER^^^GHH^^^^^Emergency room', 'PL[Location-PointOfCare]', 'PV1-3')).toEqual({ identifier: [{ value: 'ER' }], mode: 'instance', description: 'Emergency room' });
    expect(run('PV1|||ER^^^GHH^^^^^Emergency room', 'PL[Location-Facility]', 'PV1-3')).toEqual({ identifier: [{ value: 'GHH' }], mode: 'instance', physicalType: { coding: [{ system: PHYSICAL, code: 'si' }] } });
  });

  test('SN maps write only for their kind; a comparator FHIR has not fails the message', () => {
    expect(run('OBX|||||^1^:^128', 'SN[Quantity]', 'OBX-5')).toBeUndefined();
    expect(run('OBX|||||^1^:^128', 'SN[Range]', 'OBX-5')).toBeUndefined();
    expect(run('OBX|||||<^1^/^40', 'SN[Ratio]', 'OBX-5')).toEqual({ numerator: { comparator: '<', value: 1 }, denominator: { value: 40 } });
    expect(run('OBX|||||^10^-^20', 'SN[Range]', 'OBX-5')).toEqual({ low: { value: 10 }, high: { value: 20 } });
    expect(run('OBX|||||<>^5', 'SN[Quantity]', 'OBX-5')).toBeUndefined();
    expect(run('OBX|||||=^5.5', 'SN[Quantity]', 'OBX-5')).toEqual({ value: 5.5 });
    const error = errorOf(() => run('OBX|||||=>^5', 'SN[Quantity]', 'OBX-5'));
    expect(error.code).toBe('VALUEMAP_UNMAPPED');
    expect(error.where).toMatchObject({ map: 'SN[Quantity]', node: 'quantity-comparator' });
  });

  test('CWE[Quantity]: UCUM where the unit is UCUM or recognisably so, never a code without its system', () => {
    expect(run('OBX||||||mmHg^^UCUM', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
    expect(run('OBX||||||lb', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' });
    expect(run('OBX||||||beats/min^^ANSI', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' });
    expect(run('OBX||||||xyz^^ISO+', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: 'xyz' });
    expect(run('OBX||||||10*9/L^^99LAB', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: '10*9/L' });
    expect(run('OBX||||||mg/dL^milligrams per deciliter^LN', 'CWE[Quantity]', 'OBX-6')).toEqual({ unit: 'milligrams per deciliter', system: 'http://loinc.org', code: 'mg/dL' });
  });

  test('NR[Range], TM[time], IS[CodeableConcept], CQ[Quantity]: the OBX-5 value types of their names', () => {
    // 5.0 keeps its text: a Decimal (shared/common/json).
    expect(run('OBX|||||3.5^5.0', 'NR[Range]', 'OBX-5')).toEqual({ low: { value: 3.5 }, high: { value: jsonNumber('5.0') } });
    expect(run('OBX|||||^200', 'NR[Range]', 'OBX-5')).toEqual({ high: { value: 200 } });
    expect(errorOf(() => run('OBX|||||low^high', 'NR[Range]', 'OBX-5')).code).toBe('NUMBER_INVALID');
    expect(run('OBX|||||0830', 'TM[time]', 'OBX-5')).toBe('08:30:00');
    expect(run('OBX|||||235959.5+0100', 'TM[time]', 'OBX-5')).toBe('23:59:59.5');
    expect(errorOf(() => run('OBX|||||2460', 'TM[time]', 'OBX-5')).code).toBe('DATE_INVALID');
    expect(run('OBX|||||POS ', 'IS[CodeableConcept]', 'OBX-5')).toEqual({ coding: [{ code: 'POS' }] });
    expect(run('OBX|||||150^mg&milligram&UCUM', 'CQ[Quantity]', 'OBX-5')).toEqual({ value: 150, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' });
    expect(run('OBX|||||2^tablets', 'CQ[Quantity]', 'OBX-5')).toEqual({ value: 2, unit: 'tablets' });
  });

  test('ED[Attachment]: the data as base64 whatever its encoding, a MIME type from the subtype; RP[Attachment]: the pointer as url', () => {
    // Base64 split into lines with \\.br\\ (or CR LF hex escapes) is one base64 text.
    expect(run('OBX|||||LAB^AP^PDF^Base64^JVBERi0x\\.br\\LjQK\\X0D0A\\', 'ED[Attachment]', 'OBX-5')).toEqual({ contentType: 'application/pdf', data: 'JVBERi0xLjQK' });
    expect(run('OBX|||||LAB^AP^PDF^Base64^JVBERi0xLjQK', 'ED[Attachment]', 'OBX-5')).toEqual({ contentType: 'application/pdf', data: 'JVBERi0xLjQK' });
    expect(run('OBX|||||LAB^TEXT^^A^Négatif', 'ED[Attachment]', 'OBX-5')).toEqual({
      contentType: 'application/octet-stream', data: 'TsOpZ2F0aWY=',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/alternate-codes', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0191', code: 'TEXT' }] } }],
    });
    expect(run('OBX|||||^IM^JPEG^Hex^FFD8FF', 'ED[Attachment]', 'OBX-5')).toEqual({ contentType: 'image/jpeg', data: '/9j/' });
    expect(errorOf(() => run('OBX|||||^AP^PDF^Base64^not base64!', 'ED[Attachment]', 'OBX-5')).code).toBe('BINARY_INVALID');
    // fhirconverter_ORU-R01-01: an ED with no data (App5^NS^Octet-stream^Base64) and RP pointers.
    const message = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    expect(libraryHarness(catalog).run(message, [{ map: 'ED[Attachment]', path: 'OBX[2]-5[1]' }])).toEqual({ contentType: 'application/octet-stream' });
    expect(libraryHarness(catalog).run(message, [{ map: 'RP[Attachment]', path: 'OBX[1]-5[1]' }])).toEqual({ url: 'https://testurl.com', contentType: 'image/x-pict' });
  });

  test('XON[Organization]: a performing organization of the NIST LRI sample, its CLIA-style identifier', () => {
    const message = parseHl7(readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7'));
    expect(libraryHarness(catalog).run(message, [{ map: 'XON[Organization]', path: 'OBX[1]-23[1]' }])).toEqual({
      name: 'Century Hospital',
      identifier: [{ value: '987', assigner: { display: 'NIST-AA-1' }, type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'XX' }] } }],
    });
    expect(run('OBX|||||||||||||||||||||||Lab^^123', 'XON[Organization]', 'OBX-23')).toEqual({ name: 'Lab', identifier: [{ value: '123' }] });
    expect(run('OBX|||||||||||||||||||||||', 'XON[Organization]', 'OBX-23')).toBeUndefined();
  });

  test('CWE[Organization]: a vaccine manufacturer of the IZ sample (RXA-17, MVX) as its identifier and name', () => {
    const message = parseHl7(readSample('fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7'));
    expect(libraryHarness(catalog).run(message, [{ map: 'CWE[Organization]', path: 'RXA-17[1]' }])).toEqual({
      identifier: [{ value: 'CSL', system: 'http://terminology.hl7.org/CodeSystem/MVX' }],
      name: 'CSL Behring',
    });
    expect(run('RXA|||||||||||||||||^^^^^^^^Local maker', 'CWE[Organization]', 'RXA-17')).toEqual({ name: 'Local maker' });
    expect(run('RXA|||||||||||||||||XYZ^^99LOC', 'CWE[Organization]', 'RXA-17')).toEqual({ identifier: [{ value: 'XYZ' }] });
    expect(run('RXA|||||||||||||||||', 'CWE[Organization]', 'RXA-17')).toBeUndefined();
  });

  test('EIP[Identifier-…]: the placer or filler identifier of a pair, typed PGN or FGN', () => {
    const message = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    const type = (code: string) => ({ coding: [{ code, system: 'http://terminology.hl7.org/CodeSystem/v2-0203' }] });
    expect(libraryHarness(catalog).run(message, [{ map: 'EIP[Identifier-PlacerAssignedIdentifier]', path: 'SPM[1]-2[1]' }])).toEqual({ value: '2012545', type: type('PGN') });
    expect(libraryHarness(catalog).run(message, [{ map: 'EIP[Identifier-FillerAssignedIdentifier]', path: 'SPM[1]-2[1]' }])).toEqual({ value: '2012999999', type: type('FGN') });
    expect(run('SPM||^F1', 'EIP[Identifier-PlacerAssignedIdentifier]', 'SPM-2')).toBeUndefined();
  });

  test('NDL[Reference]: NDL.1, a CNN in subcomponents, as identifier and display', () => {
    expect(run('OBR||||||||||||||||||||||||||||||||123&Smith&Ann&B&Jr&Dr&MD^20240101', 'NDL[Reference]', 'OBR-32')).toEqual({ identifier: { value: '123' }, display: 'Dr Ann B Smith Jr MD' });
    // fhirconverter_ORU-R01-01 writes NDL as the standard does (OBR-35 with its start and end dates).
    const r01 = parseHl7(readSample('fhirconverter_ORU-R01-01.hl7'));
    expect(libraryHarness(catalog).run(r01, [{ map: 'NDL[Reference]', path: 'OBR-32[1]' }])).toEqual({ identifier: { value: 'Harry' }, display: 'Dr. Geny Raud Mr.' });
    expect(libraryHarness(catalog).run(r01, [{ map: 'NDL[Reference]', path: 'OBR-35[1]' }])).toEqual({ identifier: { value: '35' }, display: 'Samuel' });
    expect(run('OBR||||||||||||||||||||||||||||||||^20240101', 'NDL[Reference]', 'OBR-32')).toBeUndefined();
  });

  test('dates inside a data type keep their date when a time has no timezone; DTM[dateTime] refuses it', () => {
    expect(run('PID|||||^^^^^^^^^^^20200101083000', 'XPN[HumanName]', 'PID-5', {})).toEqual({ period: { start: '2020-01-01' } });
    expect(run('ZZZ|20200101083000&20200102', 'DR[Period]', 'ZZZ-1.1', {})).toEqual({ start: '2020-01-01', end: '2020-01-02' });
    expect(errorOf(() => run('ZZZ|20200101083000', 'DTM[dateTime]', 'ZZZ-1', {})).code).toBe('DATE_NO_TIMEZONE');
    expect(run('ZZZ|20200101083000', 'DTM[dateTime]', 'ZZZ-1')).toBe('2020-01-01T08:30:00Z');
  });
});

describe('functions whose rules library maps now draw', () => {
  test('each names a library map that says it replaces that function, and each such map is named back', () => {
    const replaced = functionDefinitions.filter((d) => d.replacedBy !== undefined).map((d) => [d.id, d.replacedBy]).sort();
    expect(replaced.map(([id]) => id)).toEqual([
      'code.codeableConceptFromCwe', 'code.codingFromCwe',
      'datatype.addressFromXad', 'datatype.contactPointFromXtn', 'datatype.humanNameFromXpn', 'datatype.identifierFromCx',
      'datatype.quantityFromNm', 'datatype.quantityFromSn', 'datatype.rangeFromSn', 'datatype.ratioFromSn',
      'datatype.referenceFromPl', 'datatype.referenceFromXcn',
    ]);
    for (const [id, mapId] of replaced) {
      expect(libraryMaps.find((e) => e.map.id === mapId)?.replaces?.functionId, `${id} → ${mapId}`).toBe(id);
    }
    const mapping = functionDefinitions.filter((d) => d.category === 'datatype' && d.replacedBy === undefined).map((d) => d.id);
    // What stays in the datatype category is a classifier the SN maps' conditions use, not a mapping rule.
    expect(mapping).toEqual(['datatype.snKind']);
  });
});
