import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

/** A table parameter as a Map, so keys such as "__proto__" are only keys. Cached per table object. */
const cache = new WeakMap<object, Map<string, unknown>>();
function tableOf(param: unknown): Map<string, unknown> {
  if (param === undefined || param === null) throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "table" must be set to a table of keys and values.', { path: 'table' });
  if (typeof param !== 'object') throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "table" must be an object of keys and values, or a list of { key, value } rows.', { path: 'table' });
  let table = cache.get(param);
  if (table !== undefined) return table;
  table = new Map();
  if (Array.isArray(param)) {
    param.forEach((row: unknown, index) => {
      if (typeof row !== 'object' || row === null || typeof (row as { key?: unknown }).key !== 'string') {
        throw new CrosswalkError('FUNCTION_BAD_PARAM', `Row ${index + 1} of the parameter "table" needs a text "key".`, { path: `table[${index}]` });
      }
      const { key, value } = row as { key: string; value?: unknown };
      if (!table!.has(key)) table!.set(key, value);
    });
  } else {
    for (const [key, value] of Object.entries(param)) table.set(key, value);
  }
  cache.set(param, table);
  return table;
}

export const lookupTable: FunctionDefinition = {
  id: 'lookup.table',
  category: 'lookup',
  label: 'Table lookup',
  description: 'Looks a key up in a constant table set on the node (`{ "key": value }` or `[{ key, value }]`); a missing key gives the default, or no value. For code translation with review and ConceptMap export, use a value map instead.',
  inputs: [{ name: 'key', type: 'string', description: 'The key to look up.' }],
  output: { type: 'any', description: 'The value of the key.' },
  params: [
    { name: 'table', type: 'table', description: 'The table.' },
    { name: 'default', type: 'string', description: 'The value for a key that is not in the table; empty for no value.' },
  ],
  examples: [
    { inputs: { key: 'I' }, params: { table: { I: 'IMP', O: 'AMB', E: 'EMER' } }, output: 'IMP' },
    { inputs: { key: 'X' }, params: { table: [{ key: 'I', value: 'IMP' }], default: 'AMB' }, output: 'AMB' },
    { inputs: { key: '__proto__' }, params: { table: { I: 'IMP' } }, output: undefined },
    { inputs: { key: 'I' }, params: {}, error: 'FUNCTION_BAD_PARAM' },
  ],
  apply(inputs, params) {
    const table = tableOf(params.table);
    const key = text(inputs.key);
    const fallback = params.default === '' ? undefined : params.default;
    if (key === undefined) return undefined;
    return table.has(key) ? table.get(key) : fallback;
  },
};
