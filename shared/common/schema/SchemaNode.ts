/** What a schema tree row is: a grouping, an HL7 v2 part, or a FHIR element. */
export type SchemaNodeKind =
  | 'message' // root of an HL7 v2 message structure (ADT_A01)
  | 'group' // HL7 v2 segment group (PROCEDURE, INSURANCE)
  | 'segment'
  | 'field'
  | 'component'
  | 'subcomponent'
  | 'datatype' // root of an HL7 v2 data type tree (XPN)
  | 'resource' // root of a FHIR resource tree (Patient)
  | 'type' // root of a FHIR data type tree (HumanName)
  | 'element' // FHIR element with a primitive or complex type
  | 'backbone' // FHIR element whose children are defined inline (Patient.contact)
  | 'choice' // FHIR value[x], or an HL7 v2 position where one of several segments may stand
  | 'choiceVariant' // one typed variant of a FHIR choice (Observation.value[x]:valueQuantity)
  | 'object' // inferred from a JSON sample: an object
  | 'value'; // inferred from a JSON or CSV sample: a scalar

/** HL7 v2 optionality: Required, Optional, Conditional, Withdrawn/backward compatible. */
export type Hl7v2Usage = 'R' | 'O' | 'C' | 'W';

export interface SchemaBinding {
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  /** Canonical URL of the value set, without version. */
  valueSet?: string;
}

/**
 * One row of a schema tree, the same shape for HL7 v2, FHIR R4 and inferred schemas.
 * `children` undefined with `hasChildren` true means "not loaded yet": ask the catalog to expand
 * `id`. An empty array means a leaf. See README.md beside this file.
 */
// A type alias, not an interface, so a node is assignable to loose record types such as the Studio
// API's SchemaTreeNode (interfaces get no implicit index signature).
export type SchemaNode = {
  /**
   * Unique within its tree, used to expand it. Equal to `path` except in HL7 v2 message trees,
   * where a segment may occur in several groups: there it is qualified by the groups
   * (`PROCEDURE/ROL-4`) and a second occurrence among siblings gets `#2` (`ROL#2`).
   */
  id: string;
  /** The path in the standard's grammar: `PID-5.1`, `Patient.name.family`, `Observation.value[x]:valueQuantity`. */
  path: string;
  /** The step's own name: `PID-5`, `family`, `valueQuantity`, `PROCEDURE`. */
  name: string;
  /** Human name: `Patient Name` (v2 description), the element name in FHIR. */
  label: string;
  /** Longer text for a tooltip: FHIR's short definition, a v2 segment's description. */
  description?: string;
  kind: SchemaNodeKind;
  /** `XPN`, `CX`, `HumanName`, `Quantity`, `code`; for an inferred value `string`, `number`, `boolean`, `date`, `dateTime`. */
  dataType?: string;
  /** All allowed types where there are several (FHIR choice). */
  types?: string[];
  /** FHIR Reference targets (`Patient`, `Group`). */
  targetTypes?: string[];
  min: number;
  max: number | '*';
  repeating: boolean;
  /** HL7 v2 optionality code. */
  usage?: Hl7v2Usage;
  /** HL7 v2 maximum length. */
  length?: number;
  /** HL7 v2 table, 4 digits (`0001`). */
  table?: string;
  binding?: SchemaBinding;
  /** FHIR isModifier. */
  modifier?: boolean;
  hasChildren: boolean;
  children?: SchemaNode[];
};

/** Which tree: an HL7 v2 message structure, segment or data type, a FHIR resource or type, per version. */
export interface SchemaRef {
  standard: 'hl7v2' | 'fhir-r4';
  /** `2.5.1`; `4.0.1` for FHIR R4 (`R4` is accepted). */
  version: string;
  /** `ADT_A01`, `PID`, `XPN`; `Patient`, `HumanName`. */
  structure: string;
}

export interface SchemaStandardInfo {
  standard: 'hl7v2' | 'fhir-r4';
  label: string;
  versions: string[];
}

export interface SchemaStructureInfo {
  name: string;
  kind: 'message' | 'segment' | 'datatype' | 'resource' | 'complex-type';
  description?: string;
  /** An HL7 v2 message structure's trigger events (table 0354: ADT_A01 → A01, A04, A08, A13), when the table lists them. */
  events?: string[];
}

export function cardinality(node: Pick<SchemaNode, 'min' | 'max'>): string {
  return `${node.min}..${node.max}`;
}
