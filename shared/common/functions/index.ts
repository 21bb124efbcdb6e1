import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import type { FunctionCategory, FunctionDefinition } from './FunctionDefinition';
import { functionCategories } from './FunctionDefinition';
import { functionDefinitions } from './registry';

export * from './FunctionDefinition';
export { isAssignable } from './isAssignable';
export { checkParams } from './checkParams';
export { functionDefinitions } from './registry';
export type { V2Composite } from './util/components';

/** id → definition. A Map, so an id from a spec can never reach Object.prototype. */
export const functionRegistry: ReadonlyMap<string, FunctionDefinition> = new Map(functionDefinitions.map((d) => [d.id, d]));

export function getFunction(id: string): FunctionDefinition | undefined {
  return functionRegistry.get(id);
}

/** The definition, or FUNCTION_UNKNOWN naming the id and where it was used. */
export function requireFunction(id: string, where: ErrorLocation = {}): FunctionDefinition {
  const definition = functionRegistry.get(id);
  if (definition === undefined) throw new CrosswalkError('FUNCTION_UNKNOWN', `There is no function "${id}" in the library.`, where);
  return definition;
}

/** Every function, by category (in palette order) then label, optionally of one category. */
export function listFunctions(category?: FunctionCategory): FunctionDefinition[] {
  const order = new Map(functionCategories.map((c, i) => [c, i]));
  return functionDefinitions
    .filter((d) => category === undefined || d.category === category)
    .slice()
    .sort((a, b) => (order.get(a.category)! - order.get(b.category)!) || a.label.localeCompare(b.label, 'en'));
}
