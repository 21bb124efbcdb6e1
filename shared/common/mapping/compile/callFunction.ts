import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import type { FunctionContext, FunctionDefinition } from '../../functions/FunctionDefinition';

/**
 * Calls a library function, placing its errors at the node: a CrosswalkError keeps its code and
 * sentence; anything else thrown (a bug in a function) becomes MAP_FUNCTION_FAILED rather than
 * a crash of the whole batch.
 */
export function callFunction(definition: FunctionDefinition, inputs: Record<string, unknown>, params: Record<string, unknown>, context: FunctionContext, where: ErrorLocation): unknown {
  try {
    return definition.apply(inputs, params, context);
  } catch (error) {
    if (error instanceof CrosswalkError) throw error.at(where);
    // An exception's text may quote its input (JSON.parse does): detail only.
    const reason = error instanceof Error ? error.message : String(error);
    throw new CrosswalkError('MAP_FUNCTION_FAILED', `The function ${definition.id} failed unexpectedly.`, where, reason.slice(0, 200));
  }
}
