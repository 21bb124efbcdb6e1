import type { FunctionContext, FunctionDefinition, PortDefinition } from '../../functions/FunctionDefinition';
import type { ReadMode } from './sourceRead';

/** Finds a function definition by id (the function library's registry, or a test's own). */
export type FunctionLookup = (id: string) => FunctionDefinition | undefined;

const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'date', 'dateTime', 'instant', 'time', 'code']);

/** A list port gets every repetition; a text-like port the first leaf; a data-type port the whole composite. */
export function readModeFor(port: PortDefinition): ReadMode {
  if (port.many) return 'many';
  return LEAF_TYPES.has(port.type) ? 'leaf' : 'composite';
}

export type { FunctionContext, FunctionDefinition, PortDefinition };
