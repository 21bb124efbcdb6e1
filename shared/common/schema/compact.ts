/**
 * The compact index files written by scripts/build/10-schemas.mjs under generated/schemas/ and
 * read through a SchemaDataSource. Short keys keep the files small; this is the one place that
 * knows them. The format number is checked on load so an old build is reported, not misread.
 */
export const SCHEMA_INDEX_FORMAT = 2;

/** [description, data type, optionality 1 O | 2 R | 3 C | 4 W, repetitions (0 = unbounded), length, table]. */
export type Hl7v2CompactField = [string, string, number, number, number | null, number | null];

/** A segment or group in a message structure; `c` children make a group, `x` a choice of segments. */
export interface Hl7v2CompactItem {
  n: string;
  min: number;
  /** 0 = unbounded, as in hl7-dictionary. */
  max: number;
  d?: string;
  c?: Hl7v2CompactItem[];
  x?: Hl7v2CompactItem[];
}

export interface Hl7v2VersionIndex {
  format: number;
  version: string;
  messages: Record<string, { d: string; s: Hl7v2CompactItem[] }>;
  segments: Record<string, { d: string; f: Hl7v2CompactField[] }>;
  datatypes: Record<string, { d: string; c: Hl7v2CompactField[] }>;
}

export interface Hl7v2TablesIndex {
  format: number;
  tables: Record<string, { d: string; v: [string, string][] }>;
}

export interface Hl7v2Index {
  format: number;
  versions: string[];
}

export interface FhirCompactType {
  /** Type code: `HumanName`, `string`, `Reference`; `System.String` for a primitive's own value. */
  c: string;
  /** Reference/canonical target types (`Patient`). */
  tp?: string[];
}

export interface FhirCompactElement {
  /** Element path as in the StructureDefinition snapshot (`Patient.contact.name`). */
  p: string;
  min: number;
  max: string;
  t?: FhirCompactType[];
  /** Short description. */
  s?: string;
  /** contentReference target path (`Bundle.link`). */
  cr?: string;
  /** Binding [strength, value set URL or null]. */
  b?: [string, string | null];
  /** Regex of a primitive's value. */
  rx?: string;
  mod?: 1;
}

export interface FhirTypeIndex {
  format: number;
  name: string;
  kind: 'resource' | 'complex-type' | 'primitive-type';
  abstract: boolean;
  base?: string;
  d: string;
  e: FhirCompactElement[];
  /** A resource's search parameters: code → [type (`token`, `string`, `reference` …), FHIRPath expression for this resource]. */
  sp?: Record<string, [string, string]>;
}

export interface FhirIndex {
  format: number;
  resources: string[];
  complexTypes: string[];
  primitiveTypes: string[];
  /** Short description of every type. */
  descriptions: Record<string, string>;
}

/** One element of a profile: its path (slices folded onto it), the largest min there, and whether it is must-support. */
export interface FhirProfileElement {
  p: string;
  min: number;
  ms?: 1;
}

/** A profile FHIR R4 ships (vitalsigns, bp ...): only the elements it requires or marks must-support. */
export interface FhirProfileIndex {
  format: number;
  url: string;
  type: string;
  title: string;
  e: FhirProfileElement[];
}

export interface FhirProfilesIndex {
  format: number;
  profiles: Record<string, { file: string; type: string; title: string }>;
}

export interface TerminologySummaryEntry {
  file: string;
  id: string;
  name: string;
  title?: string;
}

export interface TerminologyIndex {
  format: number;
  CodeSystem: Record<string, TerminologySummaryEntry>;
  ValueSet: Record<string, TerminologySummaryEntry>;
  ConceptMap: Record<string, TerminologySummaryEntry>;
}

/** Files, relative to generated/schemas/. */
export const schemaFiles = {
  hl7v2Index: 'hl7v2/index.json',
  hl7v2Version: (version: string) => `hl7v2/${version}.json`,
  hl7v2Tables: 'hl7v2/tables.json',
  fhirIndex: 'fhir-r4/index.json',
  fhirType: (name: string) => `fhir-r4/types/${name}.json`,
  fhirDatatypes: 'fhir-r4/datatypes.json',
  fhirProfiles: 'fhir-r4/profiles/index.json',
  fhirProfile: (file: string) => `fhir-r4/profiles/${file}.json`,
  terminologyIndex: 'fhir-r4/terminology/index.json',
  codeSystem: (file: string) => `fhir-r4/terminology/cs/${file}.json`,
  valueSet: (file: string) => `fhir-r4/terminology/vs/${file}.json`,
  conceptMap: (file: string) => `fhir-r4/terminology/cm/${file}.json`,
} as const;

/** The value of an own property only: index maps come from JSON, and a user-typed `__proto__` or `constructor` must not reach Object.prototype. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export interface FhirDatatypesIndex {
  format: number;
  types: FhirTypeIndex[];
}
