/**
 * The value types that flow along links. `any` accepts everything; the studio refuses a link
 * whose output type cannot feed the input type (see `isAssignable`).
 */
export type ValueType =
  | 'string' | 'number' | 'boolean' | 'date' | 'dateTime' | 'instant' | 'time'
  | 'code' | 'Coding' | 'CodeableConcept' | 'Quantity' | 'Identifier' | 'HumanName' | 'Address' | 'ContactPoint'
  | 'object' | 'any';

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
  type: 'string' | 'number' | 'boolean' | 'enum';
  options?: readonly string[];
  default?: string | number | boolean;
  description: string;
}

/** Passed to every function call: the bundle-level settings a function may need. */
export interface FunctionContext {
  /** Default timezone offset (`+01:00`, `Z`) applied to HL7 times that carry none; undefined keeps them without one. */
  defaultTimezone?: string;
}

/** An example is documentation and a unit test at once (functions.test.ts runs every one). */
export interface FunctionExample {
  inputs: Record<string, unknown>;
  params?: Record<string, unknown>;
  output: unknown;
}

/**
 * One function, registered as data. `apply` is pure: inputs by port name (undefined when the
 * link carried nothing), parameters by name; it returns undefined for "no value", and throws a
 * CrosswalkError for a value it cannot convert.
 */
export interface FunctionDefinition {
  id: string;
  category: 'string' | 'date' | 'number' | 'unit' | 'code' | 'logic' | 'lookup';
  label: string;
  description: string;
  inputs: readonly PortDefinition[];
  output: { type: ValueType; many?: boolean; description: string };
  params?: readonly ParameterDefinition[];
  examples: readonly FunctionExample[];
  apply(inputs: Record<string, unknown>, params: Record<string, unknown>, context: FunctionContext): unknown;
}
