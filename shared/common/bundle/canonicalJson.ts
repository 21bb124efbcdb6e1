import { CrosswalkError } from '../errors/CrosswalkError';
import { Decimal } from '../json/Decimal';

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort compares them) and
 * arrays kept in their order, so equal data always gives equal text: the bundle hash is taken
 * over the compact form, and files are written in the indented form so a change is a small diff.
 * `undefined` members are left out as JSON.stringify does; non-finite numbers and values JSON
 * cannot carry are refused instead of silently changed. A Decimal is its text (`1.50`), so an
 * expected output's precision is part of the hash.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '', '', '$');
}

/** The indented canonical form (two spaces, trailing newline) used for files. */
export function canonicalJsonPretty(value: unknown): string {
  return `${write(value, '  ', '\n', '$')}\n`;
}

function write(value: unknown, indent: string, pad: string, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CrosswalkError('JSON_NOT_FINITE', `The number at ${path} is not finite, so it cannot be written as JSON.`, { path });
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Decimal) return value.text;
      const inner = pad === '' ? '' : pad + indent;
      const sep = pad === '' ? ',' : `,${inner}`;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        const items = value.map((item, i) => (item === undefined ? 'null' : write(item, indent, inner, `${path}[${i}]`)));
        return `[${inner}${items.join(sep)}${pad}]`;
      }
      const keys = Object.keys(value).sort();
      const parts: string[] = [];
      for (const key of keys) {
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${pad === '' ? '' : ' '}${write(member, indent, inner, `${path}.${key}`)}`);
      }
      if (parts.length === 0) return '{}';
      return `{${inner}${parts.join(sep)}${pad}}`;
    }
    default:
      throw new CrosswalkError('JSON_UNSUPPORTED', `The value at ${path} is a ${typeof value}, which JSON cannot carry.`, { path });
  }
}
