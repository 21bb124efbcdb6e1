import type { ValueType } from './FunctionDefinition';

/** FHIR primitives that travel as JSON strings: a plain string port accepts them, and they accept a string. */
const STRING_LIKE: ReadonlySet<ValueType> = new Set<ValueType>(['string', 'code', 'date', 'dateTime', 'instant', 'time']);
const COMPLEX: ReadonlySet<ValueType> = new Set<ValueType>(['Coding', 'CodeableConcept', 'Quantity', 'Range', 'Ratio', 'Identifier', 'HumanName', 'Address', 'ContactPoint', 'Reference', 'object']);

/**
 * Whether an output of type `from` may feed an input of type `to` (the studio refuses other links).
 * Strings and string-like FHIR primitives mix freely because a format function checks the text;
 * a v2 field feeds a string port as its first component, and a string feeds a composite port as
 * component 1. A date is a valid dateTime, not the other way round.
 */
export function isAssignable(from: ValueType, to: ValueType): boolean {
  if (from === to || from === 'any' || to === 'any') return true;
  if (to === 'dateTime' && from === 'date') return true;
  if (STRING_LIKE.has(to) && (from === 'string' || from === 'v2composite')) return true;
  if (to === 'string' && STRING_LIKE.has(from)) return true;
  if (to === 'v2composite' && STRING_LIKE.has(from)) return true;
  if (to === 'object' && COMPLEX.has(from)) return true;
  return false;
}
