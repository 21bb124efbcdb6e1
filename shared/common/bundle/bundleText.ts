import { CrosswalkError } from '../errors/CrosswalkError';
import { Decimal } from '../json/Decimal';

/**
 * The text of a bundle file, made to be read and reviewed in git: members in a fixed reading
 * order (what a thing is before what it does: `id`, `kind`, then the rest), one line for each
 * link, node, source, target, value-map row, layout entry and test-input segment, maps one after
 * another, the layout last. The same bundle always gives the same bytes; the hash is taken over
 * canonical JSON (sorted keys), so this presentation is free to put `id` first.
 */
export function bundleText(bundle: unknown): string {
  return `${write(bundle, '', '$')}\n`;
}

/** Members read first, in this order; the rest follow alphabetically. */
const FIRST = [
  'format', 'hash', 'id', 'kind', 'standard', 'name', 'title', 'label', 'description', 'version', 'author', 'created',
  'metadata', 'engine', 'accepts', 'when', 'settings', 'sources', 'targets', 'nodes', 'links', 'maps',
  'source', 'target', 'from', 'to', 'order', 'display', 'system', 'equivalence', 'comment',
  'functionId', 'valueMapId', 'map', 'expression', 'value', 'params', 'schema', 'request',
  'structure', 'segment', 'datatype', 'resource', 'type', 'path', 'node', 'port',
  'sourceSystem', 'targetSystem', 'unmapped', 'review', 'entries', 'valueMaps',
  'input', 'expected', 'expectedError', 'mapping', 'tests', 'layout',
  'x', 'y', 'width', 'collapsed', 'expanded', 'viewport', 'zoom',
];
const RANK = new Map(FIRST.map((key, i) => [key, i]));

/**
 * A value-map row's review reads status first, then who changed and who reviewed it, then the
 * lists. Its own order, so keys named like FHIR's (`status`) keep their place everywhere else
 * (test outputs are written in the general order).
 */
const REVIEW_FIRST = ['status', 'author', 'authoredAt', 'reviewer', 'reviewedAt', 'approvals', 'comments', 'lastApproved', 'by', 'at', 'text'];
const REVIEW_RANK = new Map(REVIEW_FIRST.map((key, i) => [key, i]));
const IN_ROW_REVIEW = /\.valueMaps\[\d+\]\.entries\[\d+\]\.review(\.|\[|$)/;

function orderFor(path: string): (a: string, b: string) => number {
  return IN_ROW_REVIEW.test(path) ? (a, b) => rankOrder(REVIEW_RANK, a, b) : keyOrder;
}

function keyOrder(a: string, b: string): number {
  return rankOrder(RANK, a, b);
}

function rankOrder(rank: ReadonlyMap<string, number>, a: string, b: string): number {
  const ra = rank.get(a);
  const rb = rank.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Arrays whose items are each written on one line (paths with `*` for any index or key). */
const ONE_LINE_ITEMS = [
  /^\$\.mapping\.maps\[\d+\]\.(sources|targets|nodes|links)$/,
  /^\$\.mapping\.valueMaps\[\d+\]\.entries$/,
  /^\$\.layout\.maps\.[^.]+(\.[^.]+)*\.nodes$/,
  /^\$\.tests\[\d+\]\.input$/,
];

function write(value: unknown, pad: string, path: string): string {
  if (value === null || typeof value !== 'object' || value instanceof Decimal) return scalar(value, path);
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const oneLine = ONE_LINE_ITEMS.some((re) => re.test(path));
    const items = value.map((item, i) => (oneLine ? compact(item, `${path}[${i}]`) : write(item, inner, `${path}[${i}]`)));
    return `[\n${inner}${items.join(`,\n${inner}`)}\n${pad}]`;
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort(orderFor(path));
  if (keys.length === 0) return '{}';
  const members = keys.map((key) => `${JSON.stringify(key)}: ${write((value as Record<string, unknown>)[key], inner, `${path}.${key}`)}`);
  return `{\n${inner}${members.join(`,\n${inner}`)}\n${pad}}`;
}

/** One line: `{ "id": "l-gender", "from": { "node": "gender", "port": "code" }, "to": … }`. */
function compact(value: unknown, path: string): string {
  if (value === null || typeof value !== 'object' || value instanceof Decimal) return scalar(value, path);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((v, i) => compact(v, `${path}[${i}]`)).join(', ')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort(orderFor(path));
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((key) => `${JSON.stringify(key)}: ${compact((value as Record<string, unknown>)[key], `${path}.${key}`)}`).join(', ')} }`;
}

function scalar(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CrosswalkError('JSON_NOT_FINITE', `The number at ${path} is not finite, so it cannot be written as JSON.`, { path });
      return JSON.stringify(value);
    case 'object': return value instanceof Decimal ? value.text : 'null';
    default:
      throw new CrosswalkError('JSON_UNSUPPORTED', `The value at ${path} is a ${typeof value}, which JSON cannot carry.`, { path });
  }
}
