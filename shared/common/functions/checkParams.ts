import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import type { FunctionDefinition } from './FunctionDefinition';

/**
 * Checks a node's parameters against its function's definition when a spec is compiled, so a
 * wrong parameter is reported once, naming the node, rather than on every message.
 */
export function checkParams(definition: FunctionDefinition, params: Record<string, unknown>, where: ErrorLocation = {}): void {
  const declared = new Map((definition.params ?? []).map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(params)) {
    const param = declared.get(name);
    const at = { ...where, path: where.path ?? `params.${name}` };
    if (param === undefined) {
      throw new CrosswalkError('FUNCTION_BAD_PARAM', `The function ${definition.id} has no parameter "${name}".`, at);
    }
    if (value === undefined || value === null) continue;
    const ok =
      param.type === 'string' ? typeof value === 'string'
        : param.type === 'number' ? typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
          : param.type === 'boolean' ? typeof value === 'boolean'
            : param.type === 'enum' ? typeof value === 'string' && (param.options ?? []).includes(value)
              : typeof value === 'object';
    if (!ok) {
      const expected = param.type === 'enum' ? `one of ${(param.options ?? []).join(', ')}` : param.type === 'table' ? 'a table' : `a ${param.type}`;
      throw new CrosswalkError('FUNCTION_BAD_PARAM', `The parameter "${name}" of ${definition.id} must be ${expected}.`, at);
    }
  }
}
