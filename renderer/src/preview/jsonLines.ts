import { Decimal } from '../../../shared/common/json/Decimal';
import { writeJson } from '../../../shared/common/json/writeJson';

/** One line of pretty-printed JSON and the JSON path of the value it holds (`entry[0].resource.gender`). */
export interface JsonLine {
  text: string;
  path: string;
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * writeJson(value, 2) (JSON.stringify's layout, a Decimal as its text), split into lines that
 * know their JSON path, so the preview can make every output value clickable and still have
 * exactly the formatted JSON as its text.
 */
export function jsonLines(value: unknown): JsonLine[] {
  const lines: JsonLine[] = [];
  const walk = (v: unknown, path: string, indent: string, prefix: string, suffix: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) { lines.push({ text: `${indent}${prefix}[]${suffix}`, path }); return; }
      lines.push({ text: `${indent}${prefix}[`, path });
      v.forEach((item, i) => walk(item, join(path, i), `${indent}  `, '', i < v.length - 1 ? ',' : ''));
      lines.push({ text: `${indent}]${suffix}`, path });
      return;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Decimal)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
      if (entries.length === 0) { lines.push({ text: `${indent}${prefix}{}${suffix}`, path }); return; }
      lines.push({ text: `${indent}${prefix}{`, path });
      entries.forEach(([k, x], i) => walk(x, join(path, k), `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''));
      lines.push({ text: `${indent}}${suffix}`, path });
      return;
    }
    lines.push({ text: `${indent}${prefix}${writeJson(v)}${suffix}`, path });
  };
  walk(value, '', '', '', '');
  return lines;
}
