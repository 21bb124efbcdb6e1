import { MapBuilder, fhirResource, fhirType, hl7Datatype, hl7Segment } from '../mapping/build/MapBuilder';
import { fhirTypeOf, type MapDefinition } from '../mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import type { ValueMap } from '../valuemaps/ValueMap';
import { valueMapFromIgRows } from '../valuemaps/igVocabulary';
import { buildElementMap, type SegmentField } from './igElementMap';
import { igLibraryMap, igLibraryValueMap } from './igLibrary';
import { IG_NOTE_REASONS, type IgCorrection, type IgImportCounts, type IgImportNote, type IgNoteReason } from './IgImportResult';
import { igTableKey, type IgElementRow, type IgTable, type IgTables, type IgVocabularyRow } from './IgTables';

/** A FHIR type by name: a primitive (`code`), a complex data type (`Identifier`) or a resource (`Patient`). */
export interface FhirTypeName {
  name: string;
  kind: 'primitive' | 'complex' | 'resource';
}

/** Why a map or value map the IG names cannot be used, as a note says it. */
export interface Unusable {
  reason: IgNoteReason;
  detail: string;
}

/** A data type map ready to be called: its id and its output's FHIR type. */
export interface UsableMap {
  id: string;
  output: FhirTypeName;
  /**
   * For a map that fills a part of a resource (`HD[MessageHeader.source-name]` writes
   * MessageHeader.source): that element. Its output is the resource, merged into the one the
   * calling map writes.
   */
  part?: string;
}

const note = (reason: IgNoteReason, detail: string): Unusable => ({ reason, detail });

/**
 * The state of one import: the IG tables, the schema catalog, the maps and value maps made so far
 * (each once, however many rows name it), the library maps taken, and every row's outcome. The
 * message map (igMessageMap.ts) asks it for segment maps; element maps (igElementMap.ts) ask it for
 * data type and vocabulary maps, which it generates from their tables on first use.
 */
export class IgImporter {
  readonly notes: IgImportNote[] = [];
  readonly corrections: IgCorrection[] = [];
  readonly counts: IgImportCounts = { rows: 0, links: 0, conditions: 0, notes: 0, unmapped: 0, byReason: {}, references: { links: 0, notes: 0 }, remarks: 0 };
  /** Generated maps by id, message map first, then segment and data type maps in the order first named. */
  readonly maps = new Map<string, MapDefinition | undefined>();
  readonly libraryMaps = new Set<string>();
  readonly valueMaps = new Map<string, ValueMap>();
  readonly libraryValueMaps = new Set<string>();

  private readonly segmentTables: Map<string, IgTable<IgElementRow>>;
  private readonly datatypeTables: Map<string, IgTable<IgElementRow>>;
  private readonly vocabularyTables: Map<string, IgTable<IgVocabularyRow>>;
  private readonly madeSegments = new Map<string, Promise<{ id: string; resource: string } | Unusable>>();
  private readonly madeDatatypes = new Map<string, Promise<UsableMap | Unusable>>();
  private readonly building = new Set<string>();
  private fhirTypes = new Map<string, FhirTypeName>();

  constructor(readonly tables: IgTables, readonly catalog: SchemaCatalog, readonly version: string) {
    const index = <R>(list: IgTable<R>[]): Map<string, IgTable<R>> => new Map(list.map((t) => [igTableKey(t.name), t]));
    this.segmentTables = index(tables.segments);
    this.datatypeTables = index(tables.datatypes);
    this.vocabularyTables = index(tables.vocabularies);
  }

  async init(): Promise<void> {
    // Any preload brings every data type; primitives are answered from them.
    await this.catalog.preloadFhir(['Patient']);
    for (const s of await this.catalog.listStructures('fhir-r4', '4.0.1')) {
      this.fhirTypes.set(s.name.toLowerCase(), { name: s.name, kind: s.kind === 'resource' ? 'resource' : 'complex' });
    }
  }

  /** The FHIR type an IG name means (`String` → string, `DateTime` → dateTime, `Identifier-Organization` → Identifier). */
  fhirType(name: string): FhirTypeName | undefined {
    const known = this.fhirTypes.get(name.toLowerCase());
    if (known) return known;
    const primitive = `${name[0]?.toLowerCase() ?? ''}${name.slice(1)}`;
    if (this.catalog.fhirPrimitive(primitive)) return { name: primitive, kind: 'primitive' };
    const lower = name.toLowerCase();
    if (this.catalog.fhirPrimitive(lower)) return { name: lower, kind: 'primitive' };
    return undefined;
  }

  /** The FHIR type a map's name gives its output: the bracketed part up to its first `-` or `.` (`EI[Identifier-Extension]` → Identifier). */
  outputOf(mapName: string): FhirTypeName | undefined {
    const bracket = /\[([^\]]+)\]$/.exec(mapName)?.[1];
    return bracket === undefined ? undefined : this.fhirType(bracket.split(/[-.]/)[0]);
  }

  /** The backbone element a map's name says it fills (`HD[MessageHeader.source-name]` → source), if that is one of the resource's. */
  private partOf(mapName: string, resource: string): string | undefined {
    const element = /\[[A-Za-z]+\.([a-z][A-Za-z]*)/.exec(mapName)?.[1];
    if (element === undefined) return undefined;
    return this.catalog.fhirElement(resource, `${resource}.${element}`)?.isBackbone ? element : undefined;
  }

  count(outcome: 'link' | 'condition' | 'unmapped'): void {
    this.counts.rows++;
    if (outcome === 'link') this.counts.links++;
    else if (outcome === 'condition') this.counts.conditions++;
    else this.counts.unmapped++;
  }

  /**
   * A note on the canvas for a row (or a reference clause, or a remark): what the row asks, why
   * it is a note, and the IG's words. Rows and references are counted; remarks are not rows.
   */
  note(b: MapBuilder, table: string, row: string, reason: IgNoteReason, detail: string, words: ReadonlyArray<string | undefined>, kind: 'row' | 'reference' = 'row'): void {
    const said = words.filter((w): w is string => w !== undefined && w.trim() !== '').map((w) => `IG: "${w.trim()}"`);
    const text = [`${table} ${row}: ${detail}.`, ...said].join('\n');
    const node = b.note(text, 'To do', `todo-${row.split(/[ →]/)[0]}`);
    this.notes.push({ map: b.id, node, table, row, reason, text });
    this.counts.byReason[reason] = (this.counts.byReason[reason] ?? 0) + 1;
    if (kind === 'reference') this.counts.references.notes++;
    else {
      this.counts.rows++;
      this.counts.notes++;
    }
  }

  /** A narrative remark of a row that did become a link, kept beside it. */
  remark(b: MapBuilder, table: string, row: string, words: string): void {
    b.note(`${table} ${row}: ${words.trim()}`, 'IG remark', `remark-${row.split(/[ →]/)[0]}`);
    this.counts.remarks++;
  }

  reasonText(reason: IgNoteReason): string {
    return IG_NOTE_REASONS[reason];
  }

  /** The segment map an IG message row names, generated from its table once. */
  segmentMap(name: string): Promise<{ id: string; resource: string } | Unusable> {
    const key = igTableKey(name);
    let made = this.madeSegments.get(key);
    if (!made) {
      made = this.makeSegmentMap(name);
      this.madeSegments.set(key, made);
    }
    return made;
  }

  private async makeSegmentMap(name: string): Promise<{ id: string; resource: string } | Unusable> {
    const table = this.segmentTables.get(igTableKey(name));
    if (!table) return note('missing-map', `the segment map ${name} has no IG table`);
    const output = this.outputOf(table.name);
    if (output?.kind !== 'resource') return note('missing-map', `${table.name} does not name a FHIR R4 resource`);
    const segment = table.name.slice(0, 3);
    let fields: SegmentField[];
    try {
      const tree = await this.catalog.tree({ standard: 'hl7v2', version: this.version, structure: segment }, { depth: 1 });
      fields = (tree.children ?? []).map((f) => ({ path: f.path, repeating: f.repeating, dataType: f.dataType }));
    } catch {
      return note('not-in-version', `HL7 v${this.version} has no ${segment} segment`);
    }
    this.maps.set(table.name, undefined);
    await this.catalog.preloadFhir([output.name]);
    const b = new MapBuilder(table.name, 'segment', hl7Segment(segment, this.version), fhirResource(output.name))
      .describe(`${segment} → ${output.name}`, `Generated from the HL7 v2-to-FHIR IG table "${table.file}". Notes mark the rows the engine cannot express.`);
    await buildElementMap(this, b, table, { kind: 'segment', input: segment, output, fields });
    const map = b.build();
    // Kept for its notes even when nothing calls it.
    this.maps.set(table.name, map);
    if (map.links.length === 0) return note('empty-map', `${table.name} writes nothing the engine can express: each of its rows is a note there`);
    return { id: table.name, resource: output.name };
  }

  /** The data type map an IG row names: the library's when it has one, else generated from the IG table once. */
  datatypeMap(name: string): Promise<UsableMap | Unusable> {
    const library = igLibraryMap(name);
    if (library) {
      const output = this.fhirType(fhirTypeOf(library.map.targets[0].schema) ?? '');
      return Promise.resolve(output ? { id: library.map.id, output } : note('missing-map', `the library map ${library.map.id} has no FHIR output`));
    }
    const key = igTableKey(name);
    if (this.building.has(key)) return Promise.resolve(note('missing-map', `the data type map ${name} would call itself`));
    let made = this.madeDatatypes.get(key);
    if (!made) {
      made = this.makeDatatypeMap(name);
      this.madeDatatypes.set(key, made);
    }
    return made;
  }

  private async makeDatatypeMap(name: string): Promise<UsableMap | Unusable> {
    const table = this.datatypeTables.get(igTableKey(name));
    if (!table) return note('missing-map', `the data type map ${name} has no IG table`);
    const output = this.outputOf(table.name);
    if (output === undefined) return note('missing-map', `${table.name} does not name a FHIR R4 type`);
    const part = output.kind === 'resource' ? this.partOf(table.name, output.name) : undefined;
    if (output.kind === 'resource' && part === undefined) return note('creates-resource', `${table.name} makes a ${output.name} resource`);
    if (part !== undefined) await this.catalog.preloadFhir([output.name]);
    const input = table.name.replace(/\[.*$/, '');
    const key = igTableKey(name);
    this.building.add(key);
    this.maps.set(table.name, undefined);
    const b = new MapBuilder(table.name, 'datatype', hl7Datatype(input, this.version), part === undefined ? fhirType(output.name) : fhirResource(output.name))
      .describe(`${input} → ${output.name}${part === undefined ? '' : `.${part}`}`, `Generated from the HL7 v2-to-FHIR IG table "${table.file}". Notes mark the rows the engine cannot express.`);
    await buildElementMap(this, b, table, { kind: 'datatype', input, output, ...(part === undefined ? {} : { within: part }) });
    this.building.delete(key);
    const map = b.build();
    this.maps.set(table.name, map);
    if (map.links.length === 0) return note('empty-map', `${table.name} writes nothing the engine can express: each of its rows is a note there`);
    return { id: table.name, output, ...(part === undefined ? {} : { part }) };
  }

  /** A map a link now calls: a library map goes into the spec with what it calls (maps named by rows that became notes do not). */
  useMap(id: string): void {
    if (!this.maps.has(id)) this.libraryMaps.add(id);
  }

  /** A value map a link now uses, into the spec. */
  useValueMap(id: string): void {
    const map = this.knownValueMaps.get(id);
    if (map !== undefined && !this.valueMaps.has(id)) this.valueMaps.set(id, map);
  }

  private readonly knownValueMaps = new Map<string, ValueMap>();

  /** The value map an IG vocabulary name means: the library's, else built from its IG table (codes it does not list give nothing). */
  vocabulary(name: string): { id: string } | Unusable {
    const library = igLibraryValueMap(name);
    if (library) {
      this.knownValueMaps.set(library.id, library);
      this.libraryValueMaps.add(library.id);
      return { id: library.id };
    }
    const table = this.vocabularyTables.get(igTableKey(name));
    if (!table) return note('missing-map', `the vocabulary map ${name} has no IG table`);
    const id = table.name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
    if (!this.knownValueMaps.has(id)) {
      this.knownValueMaps.set(id, valueMapFromIgRows(table.rows, {
        id,
        name: `${table.name} (HL7 v2-to-FHIR IG)`,
        description: `From the IG table "${table.file}". A code it does not list gives nothing: choose another policy for unmapped codes if your senders use local codes.`,
        unmapped: { kind: 'empty' },
      }));
    }
    return { id };
  }
}
