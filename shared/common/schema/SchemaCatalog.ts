import { CrosswalkError } from '../errors/CrosswalkError';
import type { MessageStructure } from '../hl7v2/groups';
import { jsonTypeOf } from '../fhir/primitives';
import {
  own, schemaFiles, SCHEMA_INDEX_FORMAT,
  type FhirDatatypesIndex, type FhirIndex, type FhirProfileIndex, type FhirProfilesIndex, type FhirTypeIndex, type Hl7v2Index, type Hl7v2TablesIndex, type Hl7v2VersionIndex,
  type TerminologyIndex, type TerminologySummaryEntry,
} from './compact';
import { fhirChildInfos, fhirElementInfo, type FhirElementInfo } from './fhirElements';
import { fhirRootPosition, fhirSubtree, resolveFhirPath, type FhirTypeResolver } from './fhirTree';
import { FhirTypeModel } from './FhirTypeModel';
import { hl7v2DataTypeTree, hl7v2MessageTree, hl7v2SegmentTree } from './hl7v2Tree';
import { limitDepth } from './limitDepth';
import type { SchemaDataSource } from './SchemaDataSource';
import type { SchemaNode, SchemaRef, SchemaStandardInfo, SchemaStructureInfo } from './SchemaNode';
import { searchSchemaTree, type SchemaSearchHit } from './searchSchema';
import {
  expandValueSetResource,
  type CodeSystemResource, type ConceptMapResource, type TerminologyKind, type TerminologySummary, type ValueSetExpansion, type ValueSetResource,
} from './terminology';

export const FHIR_R4_VERSION = '4.0.1';

export interface SchemaTreeOptions {
  /** Return the node with this id (default: the root). */
  path?: string;
  /** Levels of children to load below it: 0 = the node alone. Default: all for HL7 v2 (finite), 2 for FHIR. */
  depth?: number;
  /** FHIR: leave out `extension`, `modifierExtension` and element `id`s. */
  hideBoilerplate?: boolean;
}

export interface Hl7v2Table {
  /** 4 digits: `0001`. */
  id: string;
  description: string;
  /** The FHIR code system of the same table. */
  system: string;
  codes: { code: string; display: string }[];
}

/** A FHIR R4 search parameter of one resource (from the specification's SearchParameter definitions). */
export interface FhirSearchParameterInfo {
  /** The parameter's code, as a URL writes it (`identifier`, `value-quantity`). */
  name: string;
  /** `token`, `string`, `reference`, `date`, `number`, `quantity`, `uri`, `composite` or `special`. */
  type: string;
  /** Its FHIRPath expression for this resource (`Patient.identifier`, `(Observation.value as CodeableConcept)`). */
  expression: string;
}

export interface FhirPrimitiveInfo {
  code: string;
  /** The value's regex from the StructureDefinition (anchored by the caller), if it has one. */
  regex?: string;
  /** How the value is written in FHIR JSON. */
  json: 'string' | 'number' | 'boolean';
}

/**
 * The schemas of HL7 v2 (2.3 – 2.7.1) and FHIR R4, and FHIR terminology, read lazily from the
 * compact index files through a SchemaDataSource. The same object serves the CLI, the runtime,
 * the Studio API host and the renderer. Async methods load what they need; the `fhirElement`
 * family is synchronous for the validator's hot loop once `preloadFhir` has loaded the types.
 */
export interface SchemaCatalog {
  standards(): Promise<SchemaStandardInfo[]>;
  listStructures(standard: SchemaRef['standard'], version: string): Promise<SchemaStructureInfo[]>;
  /** A tree (or the subtree at `options.path`, a node id) with `depth` levels loaded. */
  tree(ref: SchemaRef, options?: SchemaTreeOptions): Promise<SchemaNode>;
  /** The children of the node with this id: what the canvas asks for when a row is expanded. */
  children(ref: SchemaRef, id: string, options?: Omit<SchemaTreeOptions, 'path' | 'depth'>): Promise<SchemaNode[]>;
  /** Nodes matching every word of the query; FHIR trees are searched `depth` levels deep (default 3). */
  search(ref: SchemaRef, query: string, options?: { depth?: number; limit?: number }): Promise<SchemaSearchHit[]>;

  hl7v2Table(id: string | number): Promise<Hl7v2Table>;
  /** A message structure's segments and groups in order (what a message is read against to find its groups). */
  hl7v2Structure(version: string, structure: string): Promise<MessageStructure>;

  getCodeSystem(urlOrId: string): Promise<CodeSystemResource>;
  getValueSet(urlOrId: string): Promise<ValueSetResource>;
  expandValueSet(urlOrId: string): Promise<ValueSetExpansion>;
  getConceptMap(idOrUrl: string): Promise<ConceptMapResource>;
  listTerminology(kind: TerminologyKind, query?: string, limit?: number): Promise<TerminologySummary[]>;

  /** Loads these resource or data types (and every data type) so the sync lookups below answer. */
  preloadFhir(types: string[]): Promise<void>;
  isFhirLoaded(type: string): boolean;
  /** The element at a path (`Patient.gender`, `Patient.name.family`, `Observation.valueQuantity.unit`), or undefined when there is none. */
  fhirElement(type: string, path: string): FhirElementInfo | undefined;
  /** The children of a type (`HumanName`) or of the element at `path`. */
  fhirChildren(type: string, path?: string): FhirElementInfo[];
  /** A primitive type (`date`, `code`, `decimal`), or undefined for a non-primitive. */
  fhirPrimitive(code: string): FhirPrimitiveInfo | undefined;
  /** A loaded resource's search parameter by its code, or undefined when the resource has none of that name. */
  fhirSearchParameter(resource: string, name: string): FhirSearchParameterInfo | undefined;
  /** A loaded resource's search parameters, by code. */
  fhirSearchParameters(resource: string): FhirSearchParameterInfo[];
  /** A profile FHIR R4 ships (`http://hl7.org/fhir/StructureDefinition/bp`): what it requires and marks must-support; undefined when not shipped. */
  fhirProfile(url: string): Promise<FhirProfileIndex | undefined>;
}

const HL7V2_TREES_KEPT = 32;
const LOOKUP_CACHE_SIZE = 20000;
const FHIR_VERSION_ALIASES = new Set(['4.0.1', '4.0', 'r4']);

function oneOf(names: string[], limit = 12): string {
  const sorted = [...names].sort();
  return sorted.length > limit ? `${sorted.slice(0, limit).join(', ')} and ${sorted.length - limit} more` : sorted.join(', ');
}

/**
 * Terminology resources are read once and handed to every caller: frozen, so one caller's edit
 * (a value map built from a ConceptMap) cannot change what the next caller reads.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface IndexedTree {
  root: SchemaNode;
  byId: Map<string, SchemaNode>;
  /** Standard paths (`PR1-3`) to the nodes that carry them: several where a segment occurs in several groups. */
  byPath: Map<string, SchemaNode[]>;
}

function indexTree(root: SchemaNode): IndexedTree {
  const byId = new Map<string, SchemaNode>();
  const byPath = new Map<string, SchemaNode[]>();
  const visit = (node: SchemaNode) => {
    byId.set(node.id, node);
    const same = byPath.get(node.path);
    if (same) same.push(node);
    else byPath.set(node.path, [node]);
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return { root, byId, byPath };
}

/** `ADT_A01`, `ADT^A01` or MSH-9 as written (`ADT^A01^ADT_A01`, whose third part names the structure). */
function structureName(structure: string): string {
  const parts = structure.split('^');
  if (parts.length === 1) return structure;
  return parts[2] ? parts[2] : `${parts[0]}_${parts[1] ?? ''}`;
}

class DataSourceSchemaCatalog implements SchemaCatalog {
  private readonly files = new Map<string, Promise<unknown>>();
  private readonly hl7v2Trees = new Map<string, IndexedTree>();
  private readonly fhirModels = new Map<string, FhirTypeModel>();
  private readonly resolve: FhirTypeResolver = (name) => this.fhirModels.get(name);
  private readonly elementCache = new Map<string, FhirElementInfo | undefined>();
  private readonly childrenCache = new Map<string, FhirElementInfo[]>();

  constructor(private readonly source: SchemaDataSource) {}

  private read<T>(file: string): Promise<T> {
    let pending = this.files.get(file);
    if (!pending) {
      pending = this.source.read(file).then((data) => {
        const format = (data as { format?: unknown } | null)?.format;
        if (format !== undefined && format !== SCHEMA_INDEX_FORMAT) {
          throw new CrosswalkError('SCHEMA_DATA_STALE', `The schema index ${file} has format ${String(format)} but this version reads format ${SCHEMA_INDEX_FORMAT}; run npm run build.`, { file });
        }
        return data;
      });
      // A failed read is not remembered, so a rebuilt index is picked up on the next call.
      pending.catch(() => this.files.delete(file));
      this.files.set(file, pending);
    }
    return pending as Promise<T>;
  }

  // ---------------------------------------------------------------- HL7 v2

  private async hl7v2Version(version: string): Promise<Hl7v2VersionIndex> {
    const { versions } = await this.read<Hl7v2Index>(schemaFiles.hl7v2Index);
    if (!versions.includes(version)) {
      throw new CrosswalkError('SCHEMA_UNKNOWN_VERSION', `HL7 v2 version ${version} is not available; the versions are ${versions.join(', ')}.`, { path: version });
    }
    return this.read<Hl7v2VersionIndex>(schemaFiles.hl7v2Version(version));
  }

  private async hl7v2Tree(version: string, structure: string) {
    const key = `${version}|${structure}`;
    let tree = this.hl7v2Trees.get(key);
    if (!tree) {
      const index = await this.hl7v2Version(version);
      const name = structureName(structure);
      let root: SchemaNode;
      if (own(index.messages, name)) root = hl7v2MessageTree(index, name);
      else if (own(index.segments, name)) root = hl7v2SegmentTree(index, name);
      else if (own(index.datatypes, name)) root = hl7v2DataTypeTree(index, name);
      else {
        const wanted = name.toUpperCase();
        const close = [index.messages, index.segments, index.datatypes].flatMap((names) => Object.keys(names)).find((known) => known.toUpperCase() === wanted);
        throw new CrosswalkError('SCHEMA_UNKNOWN_STRUCTURE',
          close !== undefined
            ? `HL7 v${version} has no message structure, segment or data type named ${structure}; did you mean ${close}?`
            : `HL7 v${version} has no message structure, segment or data type named ${structure}; message structures include ${oneOf(Object.keys(index.messages), 8)}.`,
          { path: structure });
      }
      // The table's name tells the analyst on hover what codes a field takes.
      const { tables } = await this.read<Hl7v2TablesIndex>(schemaFiles.hl7v2Tables);
      const describe = (node: SchemaNode): void => {
        const table = node.table === undefined ? undefined : own(tables, node.table);
        if (table && node.description === undefined) node.description = `Table ${node.table} ${table.d}`;
        node.children?.forEach(describe);
      };
      describe(root);
      tree = indexTree(root);
      // Trees are rebuilt in milliseconds, so only the recently used are kept.
      if (this.hl7v2Trees.size >= HL7V2_TREES_KEPT) this.hl7v2Trees.delete(this.hl7v2Trees.keys().next().value as string);
      this.hl7v2Trees.set(key, tree);
    }
    return tree;
  }

  // ---------------------------------------------------------------- FHIR

  private checkFhirVersion(version: string): void {
    if (!FHIR_VERSION_ALIASES.has(version.toLowerCase())) {
      throw new CrosswalkError('SCHEMA_UNKNOWN_VERSION', `FHIR version ${version} is not available; the version is ${FHIR_R4_VERSION} (R4).`, { path: version });
    }
  }

  private async loadFhirModel(type: string): Promise<FhirTypeModel> {
    const loaded = this.fhirModels.get(type);
    if (loaded) return loaded;
    const [index, datatypes] = await Promise.all([
      this.read<FhirIndex>(schemaFiles.fhirIndex),
      this.read<FhirDatatypesIndex>(schemaFiles.fhirDatatypes),
    ]);
    for (const data of datatypes.types) if (!this.fhirModels.has(data.name)) this.fhirModels.set(data.name, new FhirTypeModel(data));
    const after = this.fhirModels.get(type);
    if (after) return after;
    if (!index.resources.includes(type)) {
      const close = index.resources.filter((name) => name.toLowerCase() === type.toLowerCase());
      throw new CrosswalkError('SCHEMA_UNKNOWN_TYPE',
        close.length > 0
          ? `FHIR R4 has no resource or data type named ${type}; did you mean ${close[0]}?`
          : `FHIR R4 has no resource or data type named ${type}; resources include ${oneOf(index.resources, 10)}.`,
        { path: type });
    }
    const model = new FhirTypeModel(await this.read<FhirTypeIndex>(schemaFiles.fhirType(type)));
    this.fhirModels.set(type, model);
    return model;
  }

  private loaded(type: string): FhirTypeModel {
    const model = this.fhirModels.get(type);
    if (!model) {
      throw new CrosswalkError('SCHEMA_NOT_LOADED', `The FHIR type ${type} is not loaded; call preloadFhir(['${type}']) first.`, { path: type });
    }
    return model;
  }

  // ---------------------------------------------------------------- trees

  async standards(): Promise<SchemaStandardInfo[]> {
    const { versions } = await this.read<Hl7v2Index>(schemaFiles.hl7v2Index);
    return [
      { standard: 'hl7v2', label: 'HL7 v2', versions: [...versions] },
      { standard: 'fhir-r4', label: 'FHIR R4', versions: [FHIR_R4_VERSION] },
    ];
  }

  async listStructures(standard: SchemaRef['standard'], version: string): Promise<SchemaStructureInfo[]> {
    if (standard === 'hl7v2') {
      const index = await this.hl7v2Version(version);
      const events = await this.hl7v2TriggerEvents();
      return [
        ...Object.entries(index.messages).map(([name, m]) => {
          const triggers = events.get(name);
          return { name, kind: 'message' as const, description: m.d, ...(triggers ? { events: triggers } : {}) };
        }),
        ...Object.entries(index.segments).map(([name, s]) => ({ name, kind: 'segment' as const, description: s.d })),
        ...Object.entries(index.datatypes).map(([name, d]) => ({ name, kind: 'datatype' as const, description: d.d })),
      ];
    }
    this.checkFhirVersion(version);
    const index = await this.read<FhirIndex>(schemaFiles.fhirIndex);
    const described = (name: string, kind: 'resource' | 'complex-type'): SchemaStructureInfo => {
      const description = own(index.descriptions, name);
      return description ? { name, kind, description } : { name, kind };
    };
    return [...index.resources.map((name) => described(name, 'resource')), ...index.complexTypes.map((name) => described(name, 'complex-type'))];
  }

  async tree(ref: SchemaRef, options: SchemaTreeOptions = {}): Promise<SchemaNode> {
    if (ref.standard === 'hl7v2') {
      const { root, byId, byPath } = await this.hl7v2Tree(ref.version, ref.structure);
      let node = options.path === undefined ? root : byId.get(options.path);
      if (!node && options.path !== undefined) {
        // A plain standard path (`PR1-3`) is enough where it names one node.
        const candidates = byPath.get(options.path) ?? [];
        if (candidates.length > 1) {
          throw new CrosswalkError('SCHEMA_AMBIGUOUS_PATH',
            `${options.path} occurs ${candidates.length} times in ${ref.structure}; use one of the ids ${candidates.map((c) => c.id).join(', ')}.`,
            { path: options.path });
        }
        node = candidates[0];
      }
      if (!node) {
        throw new CrosswalkError('SCHEMA_UNKNOWN_PATH', `${ref.structure} has no node ${options.path}.`, { path: options.path });
      }
      return limitDepth(node, options.depth ?? Number.POSITIVE_INFINITY);
    }
    if (ref.standard !== 'fhir-r4') {
      throw new CrosswalkError('SCHEMA_UNKNOWN_STANDARD', `The standard ${String(ref.standard)} is not known; use hl7v2 or fhir-r4.`);
    }
    this.checkFhirVersion(ref.version);
    const model = await this.loadFhirModel(ref.structure);
    const position = options.path === undefined ? fhirRootPosition(model) : resolveFhirPath(this.resolve, model, options.path);
    return fhirSubtree(this.resolve, position, options.depth ?? 2, options);
  }

  async children(ref: SchemaRef, id: string, options: Omit<SchemaTreeOptions, 'path' | 'depth'> = {}): Promise<SchemaNode[]> {
    const node = await this.tree(ref, { ...options, path: id, depth: 1 });
    return node.children ?? [];
  }

  async search(ref: SchemaRef, query: string, options: { depth?: number; limit?: number } = {}): Promise<SchemaSearchHit[]> {
    const depth = ref.standard === 'hl7v2' ? undefined : options.depth ?? 3;
    return searchSchemaTree(await this.tree(ref, { depth, hideBoilerplate: true }), query, options.limit);
  }

  async hl7v2Structure(version: string, structure: string): Promise<MessageStructure> {
    const index = await this.hl7v2Version(version);
    const name = structureName(structure);
    const message = own(index.messages, name);
    if (!message) {
      throw new CrosswalkError('SCHEMA_UNKNOWN_STRUCTURE', `HL7 v${version} has no message structure ${structure}; message structures include ${oneOf(Object.keys(index.messages), 8)}.`, { path: structure });
    }
    return { name, items: message.s };
  }

  /**
   * The trigger events of each message structure, from HL7 table 0354 (Message structure: `ADT_A01`
   * → A01, A04, A08, A13). hl7-dictionary keeps one table set for every version; a structure the
   * table lists as `Varies` (ACK) or does not list has none.
   */
  private async hl7v2TriggerEvents(): Promise<Map<string, string[]>> {
    const { tables } = await this.read<Hl7v2TablesIndex>(schemaFiles.hl7v2Tables);
    const events = new Map<string, string[]>();
    for (const [structure, text] of own(tables, '0354')?.v ?? []) {
      const list = text.split(',').map((e) => e.trim()).filter((e) => /^[A-Z0-9]{3}$/.test(e));
      if (list.length > 0) events.set(structure, list);
    }
    return events;
  }

  async hl7v2Table(id: string | number): Promise<Hl7v2Table> {
    const key = String(id).padStart(4, '0');
    const { tables } = await this.read<Hl7v2TablesIndex>(schemaFiles.hl7v2Tables);
    const table = /^\d{4,}$/.test(key) ? own(tables, key) : undefined;
    if (!table) {
      throw new CrosswalkError('SCHEMA_UNKNOWN_TABLE', `HL7 v2 table ${String(id)} is not in hl7-dictionary's ${Object.keys(tables).length} tables.`, { path: String(id) });
    }
    return {
      id: key, description: table.d, system: `http://terminology.hl7.org/CodeSystem/v2-${key}`,
      codes: table.v.map(([code, display]) => ({ code, display })),
    };
  }

  // ---------------------------------------------------------------- terminology

  private async terminologyEntry(kind: TerminologyKind, urlOrId: string): Promise<TerminologySummaryEntry & { url: string }> {
    const index = await this.read<TerminologyIndex>(schemaFiles.terminologyIndex);
    const byUrl = own(index[kind], urlOrId);
    if (byUrl) return { ...byUrl, url: urlOrId };
    for (const [url, entry] of Object.entries(index[kind])) if (entry.id === urlOrId) return { ...entry, url };
    const code = kind === 'CodeSystem' ? 'SCHEMA_UNKNOWN_CODESYSTEM' : kind === 'ValueSet' ? 'SCHEMA_UNKNOWN_VALUESET' : 'SCHEMA_UNKNOWN_CONCEPTMAP';
    throw new CrosswalkError(code, `No ${kind} with the url or id ${urlOrId} ships with the FHIR R4 definitions.`, { path: urlOrId });
  }

  async getCodeSystem(urlOrId: string): Promise<CodeSystemResource> {
    const entry = await this.terminologyEntry('CodeSystem', urlOrId);
    return deepFreeze(await this.read<CodeSystemResource>(schemaFiles.codeSystem(entry.file)));
  }

  async getValueSet(urlOrId: string): Promise<ValueSetResource> {
    const entry = await this.terminologyEntry('ValueSet', urlOrId);
    return deepFreeze(await this.read<ValueSetResource>(schemaFiles.valueSet(entry.file)));
  }

  async expandValueSet(urlOrId: string): Promise<ValueSetExpansion> {
    const valueSet = await this.getValueSet(urlOrId);
    const optional = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await load();
      } catch (error) {
        if (error instanceof CrosswalkError && error.code.startsWith('SCHEMA_UNKNOWN_')) return undefined;
        throw error;
      }
    };
    return expandValueSetResource(valueSet, {
      codeSystem: (url) => optional(() => this.getCodeSystem(url)),
      valueSet: (url) => optional(() => this.getValueSet(url)),
    });
  }

  async getConceptMap(idOrUrl: string): Promise<ConceptMapResource> {
    const entry = await this.terminologyEntry('ConceptMap', idOrUrl);
    return deepFreeze(await this.read<ConceptMapResource>(schemaFiles.conceptMap(entry.file)));
  }

  async listTerminology(kind: TerminologyKind, query = '', limit = 100): Promise<TerminologySummary[]> {
    const index = await this.read<TerminologyIndex>(schemaFiles.terminologyIndex);
    const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
    const out: TerminologySummary[] = [];
    for (const [url, entry] of Object.entries(index[kind])) {
      const text = `${url} ${entry.id} ${entry.name} ${entry.title ?? ''}`.toLowerCase();
      if (!words.every((word) => text.includes(word))) continue;
      const summary: TerminologySummary = { kind, id: entry.id, url, name: entry.name };
      if (entry.title !== undefined) summary.title = entry.title;
      out.push(summary);
      if (out.length >= limit) break;
    }
    return out;
  }

  // ---------------------------------------------------------------- validator lookups

  async preloadFhir(types: string[]): Promise<void> {
    await this.loadFhirModel('Element');
    await Promise.all(types.map((type) => this.loadFhirModel(type)));
  }

  isFhirLoaded(type: string): boolean {
    return this.fhirModels.has(type);
  }

  fhirElement(type: string, path: string): FhirElementInfo | undefined {
    const key = `${type}|${path}`;
    if (this.elementCache.has(key)) return this.elementCache.get(key);
    const model = this.loaded(type);
    let info: FhirElementInfo | undefined;
    try {
      info = Object.freeze(fhirElementInfo(resolveFhirPath(this.resolve, model, path)));
    } catch (error) {
      if (!(error instanceof CrosswalkError && error.code === 'SCHEMA_UNKNOWN_PATH')) throw error;
    }
    this.remember(this.elementCache, key, info);
    return info;
  }

  fhirChildren(type: string, path?: string): FhirElementInfo[] {
    const key = `${type}|${path ?? ''}`;
    const cached = this.childrenCache.get(key);
    if (cached) return cached;
    const model = this.loaded(type);
    const infos = fhirChildInfos(this.resolve, path === undefined ? fhirRootPosition(model) : resolveFhirPath(this.resolve, model, path));
    const frozen = Object.freeze(infos.map((info) => Object.freeze(info))) as FhirElementInfo[];
    this.remember(this.childrenCache, key, frozen);
    return frozen;
  }

  /**
   * The validator asks the same questions for every message: answers are kept (frozen, so a
   * caller cannot change them for the next). Loaded models never change, so nothing goes stale;
   * the bound only stops recursive paths (Questionnaire.item.item...) from growing the cache forever.
   */
  private remember<T>(cache: Map<string, T>, key: string, value: T): void {
    if (cache.size >= LOOKUP_CACHE_SIZE) cache.clear();
    cache.set(key, value);
  }

  fhirSearchParameter(resource: string, name: string): FhirSearchParameterInfo | undefined {
    const parameter = own(this.loaded(resource).searchParameters, name);
    return parameter ? { name, type: parameter[0], expression: parameter[1] } : undefined;
  }

  fhirSearchParameters(resource: string): FhirSearchParameterInfo[] {
    return Object.entries(this.loaded(resource).searchParameters).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, [type, expression]]) => ({ name, type, expression }));
  }

  async fhirProfile(url: string): Promise<FhirProfileIndex | undefined> {
    const { profiles } = await this.read<FhirProfilesIndex>(schemaFiles.fhirProfiles);
    const entry = own(profiles, url);
    return entry ? this.read<FhirProfileIndex>(schemaFiles.fhirProfile(entry.file)) : undefined;
  }

  fhirPrimitive(code: string): FhirPrimitiveInfo | undefined {
    this.loaded('Element');
    const primitive = this.fhirModels.get(code);
    if (!primitive || primitive.kind !== 'primitive-type') return undefined;
    const info: FhirPrimitiveInfo = { code, json: jsonTypeOf(code) };
    const regex = primitive.valueRegex;
    if (regex !== undefined) info.regex = regex;
    return info;
  }
}

/** A catalog over any data source: files on disk (shared/node/schema), or the Studio API in the renderer. */
export function createSchemaCatalog(source: SchemaDataSource): SchemaCatalog {
  return new DataSourceSchemaCatalog(source);
}
