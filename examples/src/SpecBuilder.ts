import type { Link, MappingNode, MappingSpec, Source, Target } from '../../shared/common/mapping/spec/MappingSpec';
import { MAPPING_FORMAT } from '../../shared/common/mapping/spec/formatVersion';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import { layeredLayout } from './layout';

/** Where a value comes from: a source path, or a node output port. */
export type From = { source: string; path: string } | { node: string; port: string };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Writes a mapping spec the way an analyst draws it on the canvas, one call per box or edge,
 * with readable ids derived from what each box does. Ids are stable across rebuilds as long as
 * the build order is unchanged, so the committed bundle only changes where the mapping does.
 */
export class SpecBuilder {
  private readonly sources: Source[] = [];
  private readonly targets: Target[] = [];
  private readonly nodes: MappingNode[] = [];
  private readonly links: Link[] = [];
  private readonly valueMaps: ValueMap[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly sourceId = 'msg') {}

  /** A unique id from a readable stem (`gender`, `gender-2`, …). */
  private id(stem: string): string {
    const base = stem.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 56) || 'x';
    const start = /^[A-Za-z]/.test(base) ? base : `n-${base}`;
    let id = start;
    for (let n = 2; this.used.has(id); n++) id = `${start}-${n}`;
    this.used.add(id);
    return id;
  }

  hl7Source(version: string, structure: string): this {
    this.used.add(this.sourceId);
    this.sources.push({ id: this.sourceId, schema: { standard: 'hl7v2', version, structure } });
    return this;
  }

  target(id: string, resource: string): string {
    this.used.add(id);
    this.targets.push({ id, schema: { standard: 'fhir-r4', resource } });
    return id;
  }

  valueMap(map: ValueMap): string {
    this.valueMaps.push(map);
    return map.id;
  }

  /** A source path as a link start. */
  src(path: string): From {
    return { source: this.sourceId, path };
  }

  private node(node: MappingNode): void {
    this.nodes.push(node);
  }

  private link(from: From, to: Link['to'], stem: string, extra: Partial<Pick<Link, 'kind' | 'order'>> = {}): void {
    this.links.push({ id: this.id(`l-${stem}`), from, to, ...extra });
  }

  /** A function node; inputs by port name. Returns its output. */
  fn(functionId: string, inputs: Record<string, From>, params?: Record<string, Json>, stem?: string): From {
    const id = this.id(stem ?? functionId.split('.').pop() ?? functionId);
    this.node({ id, kind: 'function', functionId, ...(params ? { params } : {}) });
    for (const [port, from] of Object.entries(inputs)) this.link(from, { node: id, port }, `${id}-${port}`);
    return { node: id, port: 'out' };
  }

  /** A function node whose list input `port` takes several links, in order (coalesce, concat). */
  fnMany(functionId: string, port: string, values: From[], stem: string, params?: Record<string, Json>): From {
    const id = this.id(stem);
    this.node({ id, kind: 'function', functionId, ...(params ? { params } : {}) });
    values.forEach((from, i) => this.link(from, { node: id, port }, `${id}-${port}-${i + 1}`, i === 0 ? {} : { order: i }));
    return { node: id, port: 'out' };
  }

  /** A value-map node fed by `input`; returns the chosen output port (`code` by default). */
  map(valueMapId: string, input: From, port: 'code' | 'coding' | 'display' | 'system' = 'code', stem?: string): From {
    const id = this.id(stem ?? valueMapId);
    this.node({ id, kind: 'valueMap', valueMapId });
    this.link(input, { node: id, port: 'in' }, `${id}-in`);
    return { node: id, port };
  }

  constant(value: Json, stem = 'const'): From {
    const id = this.id(stem);
    this.node({ id, kind: 'constant', value });
    return { node: id, port: 'out' };
  }

  /** A condition: without input its value; with input a filter passing `$in` where the expression holds. */
  cond(expression: string, input?: From, stem = 'if'): From {
    const id = this.id(stem);
    this.node({ id, kind: 'condition', expression });
    if (input !== undefined) this.link(input, { node: id, port: 'in' }, `${id}-in`);
    return { node: id, port: 'out' };
  }

  ref(target: string, stem?: string): From {
    const id = this.id(stem ?? `ref-${target}`);
    this.node({ id, kind: 'reference', target });
    return { node: id, port: 'out' };
  }

  /** A value link onto a target element. */
  set(target: string, path: string, from: From, order?: number): void {
    const stem = `${target}-${path.split('.').slice(1).join('-').replace(/\[x\]:/g, '-')}`;
    this.link(from, { target, path }, stem, order === undefined ? {} : { order });
  }

  /** A context link: one `path` item per item of `from` (a repeating source path, or a filter on one). */
  each(target: string, path: string, from: From, order?: number): void {
    const stem = `each-${target}-${path.split('.').slice(1).join('-') || 'root'}`;
    this.link(from, { target, path }, stem, { kind: 'context', ...(order === undefined ? {} : { order }) });
  }

  /** The spec, with a layered canvas layout (./layout.ts) so it opens tidy in the studio. */
  build(settings: MappingSpec['settings']): MappingSpec {
    const spec = { format: MAPPING_FORMAT, sources: this.sources, targets: this.targets, nodes: this.nodes, links: this.links, valueMaps: this.valueMaps, settings };
    return { ...spec, layout: { nodes: layeredLayout(spec) } };
  }
}
