import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { referenceDir } from '../../node/fixtures/referenceFixtures';
import { fhirTypeOf, hl7InputOf } from '../mapping/spec/MappingSpec';
import { parseCsvRows } from '../valuemaps/csv';
import { plLocationLevels } from './datatypes/plLocationLevels';
import { libraryMap, libraryMaps, type LibraryMapEntry } from './libraryMaps';
import { mapWrites, type MapWrite } from './testing/mapWrites';

// Each library map is held to the IG data type table it is built from: every row of the table
// that names a FHIR attribute is a link of the map (from that component, possibly through nodes
// and called maps, to that element), and the map writes nothing the table does not list, unless
// the entry lists the row as a deviation with its reason.
const tablesDir = resolve(referenceDir, 'v2-to-fhir-ig/mappings/datatypes');

interface IgRow {
  /** `CX.4`, or the data type itself (`SN`) for a row about no one component. */
  component: string;
  /** The attribute as the table writes it (`assigner(Organization)`). */
  attribute: string;
  /** Normalised: `assigner`, relative to the output, '' for `$value`. */
  element: string;
  /** The row assigns a constant (`"http://hl7.org/fhir/StructureDefinition/identifier-checkDigit"`). */
  assignment: boolean;
}

/**
 * An IG attribute as an element path relative to the map's output: `[1].family` → `family`,
 * `extension[2].valueString` → `extension.valueString`, `assigner(Organization)` → `assigner`,
 * `[1].location(Location.description)` → `description`, `Quantity.code` → `code`, `$value` → ''.
 */
function igElement(attribute: string, output: string): string {
  let s = attribute.trim();
  if (s === '$value') return '';
  s = s.replace(/[A-Za-z]*\(([A-Z][A-Za-z]*)\.([^)]*)\)/g, '$2');
  s = s.replace(/\([^)]*\)/g, '');
  s = s.replace(/\[\d+(-\d+)?\]?/g, '');
  s = s.replace(/^\.+/, '').replace(/\.{2,}/g, '.');
  return s.startsWith(`${output}.`) ? s.slice(output.length + 1) : s;
}

function igRows(file: string, type: string, output: string): IgRow[] {
  const rows = parseCsvRows(readFileSync(resolve(tablesDir, file), 'utf8')).slice(2);
  return rows
    .map(({ fields }) => ({ component: (fields[1] ?? '').trim() || type, attribute: (fields[9] ?? '').trim(), assignment: (fields[16] ?? '').trim() !== '' }))
    .filter((row) => row.attribute !== '')
    .map((row) => ({ ...row, element: igElement(row.attribute, output) }));
}

/** A write of element `w` is the IG's element `e`: the same, or inside it (`e` names a data type the IG maps with another map: `name` ← FN[HumanName]), or either is the output itself. */
const compatible = (w: string, e: string): boolean => w === '' || e === '' || w === e || w.startsWith(`${e}.`);
const wholeRow = (component: string): boolean => !component.includes('.');

/** The row is a link of the map: a write of that element made from that component (a constant, for a row that assigns one). */
function implemented(row: IgRow, writes: readonly MapWrite[]): boolean {
  return writes.some((w) => compatible(w.element, row.element) && (wholeRow(row.component) || w.components.has(row.component) || (row.assignment && w.components.size === 0)));
}

/** The write is one the table lists. */
function listed(write: MapWrite, rows: readonly IgRow[]): boolean {
  return rows.some((r) => compatible(write.element, r.element) && (wholeRow(r.component) || write.components.has(r.component) || (r.assignment && write.components.size === 0)));
}

const show = (component: string, element: string): string => `${component} → ${element}`;

function deviationRows(entry: LibraryMapEntry, output: string): { text: string; component: string; element: string }[] {
  return entry.deviations.flatMap((d) => d.rows ?? []).map((text) => {
    const [component, attribute] = text.split(' → ');
    return { text, component, element: igElement(attribute, output) };
  });
}

const withTables = libraryMaps.filter((e) => e.igTable !== undefined);

describe.each(withTables.map((e) => [e.map.id, e] as const))('%s is built from its IG table', (_id, entry) => {
  const type = hl7InputOf(entry.map.sources[0].schema)?.name as string;
  const output = fhirTypeOf(entry.map.targets[0].schema) as string;
  const file = entry.igTable as string;

  test('the table is the one the IG names after the map', () => {
    expect(file).toBe(`HL7 Data Type - FHIR R4_ ${entry.map.id} - Sheet1.csv`);
    expect(existsSync(resolve(tablesDir, file))).toBe(true);
  });

  const rows = igRows(file, type, output);
  const writes = mapWrites(entry.map);
  const deviations = deviationRows(entry, output);
  const excusedRow = (row: IgRow) => deviations.some((d) => d.component === row.component && d.element === row.element);
  const excusedWrite = (w: MapWrite) => deviations.some((d) => (w.components.has(d.component) || (wholeRow(d.component) && w.components.size === 0)) && compatible(w.element, d.element));

  test('every IG row with a FHIR attribute is a link of the map, or a listed deviation', () => {
    expect(rows.length).toBeGreaterThan(0);
    const missing = rows.filter((row) => !implemented(row, writes) && !excusedRow(row)).map((row) => show(row.component, row.attribute));
    expect(missing).toEqual([]);
  });

  test('the map writes nothing the IG table does not list, unless it is a listed deviation', () => {
    const extra = writes.filter((w) => !listed(w, rows) && !excusedWrite(w)).map((w) => show([...w.components].join('+') || '(constant)', w.element));
    expect(extra).toEqual([]);
  });

  test('every deviation row is needed: the map does not implement that IG row, or writes what the table does not list', () => {
    const stale = deviations.filter((d) => {
      const missingRow = rows.some((row) => d.component === row.component && d.element === row.element && !implemented(row, writes));
      const extraWrite = writes.some((w) => !listed(w, rows) && (w.components.has(d.component) || (wholeRow(d.component) && w.components.size === 0)) && compatible(w.element, d.element));
      return !missingRow && !extraWrite;
    }).map((d) => d.text);
    expect(stale).toEqual([]);
  });
});

// The IG's PL[Location] table writes up to six Locations, numbered in its column J ([1] the bed …
// [6] the facility). Each level map is one of them: every row of its number is a link of the map,
// except the partOf rows (the message map chains the levels), PL.10/PL.11 and a point of care's
// physical type (listed deviations); PL.9 describes the most granular level sent.
describe.each(plLocationLevels.map((l) => [l.map, l] as const))('%s is its column of the IG PL[Location] table', (_id, level) => {
  const rows = igRows('HL7 Data Type - FHIR R4_ PL[Location] - Sheet1.csv', 'PL', 'Location');
  const mine = rows.filter((r) => r.attribute.startsWith(`[${level.ig}]`) && !r.element.startsWith('partOf') && r.component !== 'PL.10'
    && !(level.physicalType === undefined && r.element.startsWith('physicalType')));
  const writes = mapWrites((libraryMap(level.map) as LibraryMapEntry).map);

  test('every row of its number is a link of the map', () => {
    expect(mine.map((r) => show(r.component, r.attribute))).toContain(`PL.${level.component} → [${level.ig}].identifier[1]`);
    expect(mine.filter((row) => !implemented(row, writes)).map((row) => show(row.component, row.attribute))).toEqual([]);
  });

  test('it writes nothing else but the description', () => {
    const description = rows.filter((r) => r.component === 'PL.9');
    expect(writes.filter((w) => !listed(w, [...mine, ...description])).map((w) => show([...w.components].join('+') || '(constant)', w.element))).toEqual([]);
  });
});

describe('the IG test itself', () => {
  test('reads IG attributes as elements of the output', () => {
    expect(igElement('[1].family', 'HumanName')).toBe('family');
    expect(igElement('extension[2].valueString', 'Identifier')).toBe('extension.valueString');
    expect(igElement('assigner(Organization)', 'Identifier')).toBe('assigner');
    expect(igElement('[1].location(Location.description)', 'Location')).toBe('description');
    expect(igElement('[4].partOf.reference(Location[6])', 'Location')).toBe('partOf.reference');
    expect(igElement('[1-6].identifier[1].assigner(Organization)', 'Location')).toBe('identifier.assigner');
    expect(igElement('coding[3.version', 'CodeableConcept')).toBe('coding.version');
    expect(igElement('Quantity.code', 'Quantity')).toBe('code');
    expect(igElement('$value', 'uri')).toBe('');
  });

  test('follows values through nodes and called maps: CX.4 reaches Identifier.system through HD[uri]', () => {
    const cx = libraryMaps.find((e) => e.map.id === 'CX[Identifier]') as LibraryMapEntry;
    const writes = mapWrites(cx.map);
    expect(writes.find((w) => w.element === 'system')?.components).toEqual(new Set(['CX.4']));
    expect(writes.filter((w) => w.element.startsWith('extension')).map((w) => `${[...w.components].join('+')} ${w.element}`)).toEqual([
      'CX.2 extension.url', 'CX.2 extension.valueString', 'CX.3 extension.url', 'CX.3 extension.valueString',
    ]);
  });

  test('a row that is neither implemented nor listed fails the check', () => {
    const rows: IgRow[] = [{ component: 'CX.1', attribute: 'value', element: 'value', assignment: false }];
    expect(implemented(rows[0], [{ element: 'value', components: new Set(['CX.2']) }])).toBe(false);
    expect(listed({ element: 'period.start', components: new Set(['CX.7']) }, rows)).toBe(false);
  });
});
