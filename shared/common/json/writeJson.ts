import { Decimal } from './Decimal';

/**
 * JSON text of output data, as JSON.stringify writes it (members in insertion order, undefined
 * members left out, NaN and Infinity as null, `indent` spaces per level) except that a Decimal
 * is written as its own text (`1.50`, not `1.5`). The one writer of mapping output: the runtime's
 * NDJSON and files, error reports, the studio's preview and the web host all use it.
 */
export function writeJson(value: unknown, indent?: number): string {
  decimalsSeen = 0;
  marking = true;
  let text: string;
  try {
    text = JSON.stringify(value, null, indent);
  } finally {
    marking = false;
  }
  // Most outputs hold no Decimal: then the native writer's text is already exact.
  if (decimalsSeen === 0) return text;
  // Each Decimal wrote a marker string holding its text; put the text in its place. A string of
  // the data that looks like a marker makes the count differ: then the output is written here.
  let found = 0;
  const replaced = text.replace(MARKED, (_marker, number: string) => {
    found++;
    return number;
  });
  if (found === decimalsSeen) return replaced;
  return write(value, indent === undefined || indent <= 0 ? '' : ' '.repeat(Math.min(indent, 10)), '') as string;
}

let decimalsSeen = 0;
let marking = false;
const MARK = '\u0000decimal:';
/** A marker as JSON.stringify writes it: the NUL escaped, the Decimal's text, the closing quote. */
const MARKED = /"\\u0000decimal:([-0-9.eE+]+)"/g;

// Only JSON.stringify calls toJSON. Inside writeJson it leaves a marker (one native pass writes
// everything); anywhere else it gives the number without its precision, which is what a writer
// that knows nothing of Decimal (a log line, a test's JSON.parse(JSON.stringify(...))) should see.
Object.defineProperty(Decimal.prototype, 'toJSON', {
  value(this: Decimal): number | string {
    if (!marking) return this.valueOf();
    decimalsSeen++;
    return `${MARK}${this.text}`;
  },
});

function write(value: unknown, indent: string, pad: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Decimal) return value.text;
      const inner = indent === '' ? '' : pad + indent;
      const open = indent === '' ? '' : `\n${inner}`;
      const sep = indent === '' ? ',' : `,\n${inner}`;
      const close = indent === '' ? '' : `\n${pad}`;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        const items: string[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) items[i] = write(value[i], indent, inner) ?? 'null';
        return `[${open}${items.join(sep)}${close}]`;
      }
      const json = (value as { toJSON?: unknown }).toJSON;
      if (typeof json === 'function') return write((json as () => unknown).call(value), indent, pad);
      const parts: string[] = [];
      const colon = indent === '' ? ':' : ': ';
      for (const key of Object.keys(value)) {
        const member = write((value as Record<string, unknown>)[key], indent, inner);
        if (member !== undefined) parts.push(`${JSON.stringify(key)}${colon}${member}`);
      }
      return parts.length === 0 ? '{}' : `{${open}${parts.join(sep)}${close}}`;
    }
    default:
      // undefined, functions and symbols: left out of objects, null in arrays (as JSON.stringify does).
      return undefined;
  }
}
