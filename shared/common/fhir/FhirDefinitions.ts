/**
 * What the validator needs to know about FHIR R4 element definitions. The schema catalog
 * (shared/common/schema, `SchemaCatalog.fhirChildren`) provides exactly this once
 * `preloadFhir` has loaded the types; tests may pass any other source of the same shape.
 */
export interface FhirElementDefinition {
  /** The JSON name; `value[x]` for a choice (see `choices`). */
  name: string;
  /** The element's definition path (`Patient.contact`), used to ask for a backbone's children. */
  path: string;
  min: number;
  max: number | '*';
  types: readonly { code: string; targetTypes?: readonly string[] }[];
  /** A choice's JSON names → type (`valueQuantity` → `Quantity`). */
  choices?: Readonly<Record<string, string>>;
  binding?: { strength: 'required' | 'extensible' | 'preferred' | 'example'; valueSet?: string };
  /** Children are defined inline (a backbone element) or by contentReference. */
  isBackbone: boolean;
}

export interface FhirDefinitions {
  /**
   * The child elements of a type (`HumanName`, `Patient`), or of the backbone element at
   * `path` within it (`Patient.contact`). Throws for a type that is unknown or not loaded.
   */
  fhirChildren(type: string, path?: string): readonly FhirElementDefinition[];
}

/** The codes of a value set's expansion, for required bindings. */
export interface ValueSetCodes {
  /** `system|code` of every concept, and the bare code too (a `code` element has no system). */
  codes: ReadonlySet<string>;
  /** False when part of the value set could not be enumerated: a code not found is then only a warning. */
  complete: boolean;
}
