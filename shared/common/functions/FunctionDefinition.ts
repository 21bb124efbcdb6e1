/**
 * The value types that flow along links. `any` accepts everything; the studio refuses a link
 * whose output type cannot feed the input type (see `isAssignable`).
 */
export type ValueType =
  | 'string' | 'number' | 'boolean' | 'date' | 'dateTime' | 'instant' | 'time'
  | 'code' | 'Coding' | 'CodeableConcept' | 'Quantity' | 'Range' | 'Ratio' | 'Identifier' | 'HumanName' | 'Address' | 'ContactPoint' | 'Reference'
  /** A whole HL7 v2 field or component: its components as a list (see functions/util/components.ts). */
  | 'v2composite'
  | 'object' | 'any';

export const functionCategories = ['string', 'date', 'number', 'unit', 'code', 'datatype', 'logic', 'lookup'] as const;
export type FunctionCategory = (typeof functionCategories)[number];

export interface PortDefinition {
  name: string;
  type: ValueType;
  /** Accepts a list (all repetitions) instead of one value. */
  many?: boolean;
  optional?: boolean;
  description: string;
}

/** A parameter is set on the node in the studio (not linked), e.g. the unit to convert to. */
export interface ParameterDefinition {
  name: string;
  /** `table`: a constant lookup table, `{ key: value }` or `[{ key, value }]` (see lookup.table). */
  type: 'string' | 'number' | 'boolean' | 'enum' | 'table';
  options?: readonly string[];
  default?: string | number | boolean;
  description: string;
}

/**
 * Passed to every function call: what a function may need beyond its inputs, from the bundle and
 * from the message being mapped (the engine builds one per message).
 */
export interface FunctionContext {
  /** The bundle's default timezone (`+01:00`, `Z`, settings.defaultTimezone): for HL7 times with no offset when MSH-7 has none either. */
  defaultTimezone?: string;
  /**
   * MSH-7's offset (`-04:00`), when the message's own time carries one: HL7 times without an
   * offset are the sender's local time, so they take it before the bundle's default.
   */
  messageTimezone?: string;
}

/** An example is documentation and a unit test at once (functions.test.ts runs every one). */
export interface FunctionExample {
  inputs: Record<string, unknown>;
  params?: Record<string, unknown>;
  context?: FunctionContext;
  /** The expected output; for an example that documents a refusal, leave it out and give `error`. */
  output?: unknown;
  /** The CrosswalkError code the call must throw. */
  error?: string;
}

/**
 * One function, registered as data. `apply` is pure: inputs by port name (undefined when the
 * link carried nothing), parameters by name; it returns undefined for "no value", and throws a
 * CrosswalkError for a value it cannot convert.
 */
export interface FunctionDefinition {
  id: string;
  /** `datatype`: the v2-to-FHIR IG data type maps (CX → Identifier, XPN → HumanName ...). */
  category: FunctionCategory;
  label: string;
  description: string;
  inputs: readonly PortDefinition[];
  output: { type: ValueType; many?: boolean; description: string };
  params?: readonly ParameterDefinition[];
  examples: readonly FunctionExample[];
  /**
   * The library data type map that now draws this function's rule (`CX[Identifier]`): mapping
   * rules are maps an analyst can open, not TypeScript. The function stays so bundles that use it
   * run unchanged; the palette no longer offers it and `crosswalk validate` names the map instead.
   */
  replacedBy?: string;
  apply(inputs: Record<string, unknown>, params: Record<string, unknown>, context: FunctionContext): unknown;
}
