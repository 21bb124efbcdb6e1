import type { ValueMap } from '../../valuemaps/ValueMap';
import { MAPPING_FORMAT } from '../spec/formatVersion';
import type { Accepts, Link, MapDefinition, MapKind, MappingNode, MappingSettings, MappingSpec, SchemaRef, Target } from '../spec/MappingSpec';

/** Where a value comes from: a source path of the map's input, or a node output port. */
export type From = { source: string; path: string } | { node: string; port: string };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Writes one map the way an analyst draws it on the canvas, one call per box or edge, with
 * readable ids derived from what each box does (`gender`, `l-gender-in`). Ids are stable across
 * rebuilds as long as the build order is unchanged, so a committed bundle only changes where the
 * mapping does. Used by the shipped examples and the IG data type map library.
 */
export class MapBuilder {
  private readonly targets: Target[] = [];
  private readonly nodes: MappingNode[] = [];
  private readonly links: Link[] = [];
  private readonly used = new Set<string>();
  private accepted: Accepts | undefined;
  private condition: string | undefined;
  private text: { label?: string; description?: string } = {};

  /**
   * A message map reads `msg` and writes the targets added with `target()`; a segment or data type
   * map reads `in` and writes its one output, `out`.
   */
  constructor(readonly id: string, readonly kind: MapKind, private readonly input: SchemaRef, output?: SchemaRef) {
    this.used.add(this.sourceId);
    if (output) {
      this.used.add('out');
      this.targets.push({ id: 'out', schema: output });
    }
  }

  get sourceId(): string {
    return this.kind === 'message' ? 'msg' : 'in';
  }

  /** The output target id of a segment or data type map. */
  get out(): string {
    return 'out';
  }

  describe(label: string | undefined, description?: string): this {
    this.text = { ...(label ? { label } : {}), ...(description ? { description } : {}) };
    return this;
  }

  accepts(accepts: Accepts): this {
    this.accepted = accepts;
    return this;
  }

  /** The map writes nothing unless this holds for its input (`CX.1 != null`). */
  when(expression: string): this {
    this.condition = expression;
    return this;
  }

  /** A unique id from a readable stem (`gender`, `gender-2`, …). */
  private id_(stem: string): string {
    const base = stem.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 56) || 'x';
    const start = /^[A-Za-z]/.test(base) ? base : `n-${base}`;
    let id = start;
    for (let n = 2; this.used.has(id); n++) id = `${start}-${n}`;
    this.used.add(id);
    return id;
  }

  /** A message map's target resource. */
  target(id: string, resource: string, request?: Target['request']): string {
    this.used.add(id);
    this.targets.push({ id, schema: { standard: 'fhir-r4', resource }, ...(request ? { request } : {}) });
    return id;
  }

  /** A source path as a link start. */
  src(path: string): From {
    return { source: this.sourceId, path };
  }

  private link(from: From, to: Link['to'], stem: string, extra: Partial<Pick<Link, 'kind' | 'order'>> = {}): void {
    this.links.push({ id: this.id_(`l-${stem}`), from, to, ...extra });
  }

  /** A function node; inputs by port name. Returns its output. */
  fn(functionId: string, inputs: Record<string, From>, params?: Record<string, Json>, stem?: string): From {
    const id = this.id_(stem ?? functionId.split('.').pop() ?? functionId);
    this.nodes.push({ id, kind: 'function', functionId, ...(params ? { params } : {}) });
    for (const [port, from] of Object.entries(inputs)) this.link(from, { node: id, port }, `${id}-${port}`);
    return { node: id, port: 'out' };
  }

  /** A function node whose list input `port` takes several links, in order (coalesce, concat). */
  fnMany(functionId: string, port: string, values: From[], stem: string, params?: Record<string, Json>): From {
    const id = this.id_(stem);
    this.nodes.push({ id, kind: 'function', functionId, ...(params ? { params } : {}) });
    values.forEach((from, i) => this.link(from, { node: id, port }, `${id}-${port}-${i + 1}`, i === 0 ? {} : { order: i }));
    return { node: id, port: 'out' };
  }

  /** A value-map node fed by `input`; returns the chosen output port (`code` by default). */
  map(valueMapId: string, input: From, port: 'code' | 'coding' | 'display' | 'system' = 'code', stem?: string): From {
    const id = this.id_(stem ?? valueMapId);
    this.nodes.push({ id, kind: 'valueMap', valueMapId });
    this.link(input, { node: id, port: 'in' }, `${id}-in`);
    return { node: id, port };
  }

  constant(value: Json, stem = 'const'): From {
    const id = this.id_(stem);
    this.nodes.push({ id, kind: 'constant', value });
    return { node: id, port: 'out' };
  }

  /** A condition: without input its value; with input a filter passing `$in` where the expression holds. */
  cond(expression: string, input?: From, stem = 'if'): From {
    const id = this.id_(stem);
    this.nodes.push({ id, kind: 'condition', expression });
    if (input !== undefined) this.link(input, { node: id, port: 'in' }, `${id}-in`);
    return { node: id, port: 'out' };
  }

  /** A note on the canvas (text for people: it carries no value). */
  note(text: string, label?: string, stem = 'note'): string {
    const id = this.id_(stem);
    this.nodes.push({ id, kind: 'note', text, ...(label ? { label } : {}) });
    return id;
  }

  ref(target: string, stem?: string): From {
    const id = this.id_(stem ?? `ref-${target}`);
    this.nodes.push({ id, kind: 'reference', target });
    return { node: id, port: 'out' };
  }

  /** Applies another map to a source item (a segment, a field or a component), or to a condition filtering one. */
  call(mapId: string, input: From, stem?: string): From {
    const id = this.id_(stem ?? mapId.replace(/\[.*$/, '').toLowerCase());
    this.nodes.push({ id, kind: 'call', map: mapId });
    this.link(input, { node: id, port: 'in' }, `${id}-in`);
    return { node: id, port: 'out' };
  }

  /** A value link onto a target element (of `target`, or of the map's output). */
  set(path: string, from: From, order?: number, target = this.kind === 'message' ? undefined : 'out'): void {
    const to = target ?? this.targetOf(path);
    const stem = `${this.kind === 'message' ? `${to}-` : ''}${path.split('.').slice(1).join('-').replace(/\[x\]:/g, '-') || 'root'}`;
    this.link(from, { target: to, path }, stem, order === undefined ? {} : { order });
  }

  /** A context link: one `path` item per item of `from` (a repeating source item, or a filter on one). */
  each(path: string, from: From, order?: number, target = this.kind === 'message' ? undefined : 'out'): void {
    const to = target ?? this.targetOf(path);
    const stem = `each-${this.kind === 'message' ? `${to}-` : ''}${path.split('.').slice(1).join('-') || 'root'}`;
    this.link(from, { target: to, path }, stem, { kind: 'context', ...(order === undefined ? {} : { order }) });
  }

  /** In a message map, the target a path writes: the one whose resource type starts it (the first, when several share it, unless named). */
  private targetOf(path: string): string {
    const type = path.split('.')[0];
    const matches = this.targets.filter((t) => t.schema.standard === 'fhir-r4' && t.schema.resource === type);
    if (matches.length !== 1) throw new Error(`MapBuilder ${this.id}: name the target of ${path} (${matches.length} targets write ${type}).`);
    return matches[0].id;
  }

  /** Links to a named target of a message map (when several targets write one resource type). */
  setOn(target: string, path: string, from: From, order?: number): void {
    this.set(path, from, order, target);
  }

  eachOn(target: string, path: string, from: From, order?: number): void {
    this.each(path, from, order, target);
  }

  build(): MapDefinition {
    return {
      id: this.id,
      kind: this.kind,
      ...this.text,
      ...(this.accepted ? { accepts: this.accepted } : {}),
      ...(this.condition ? { when: this.condition } : {}),
      sources: [{ id: this.sourceId, schema: this.input }],
      targets: this.targets,
      nodes: this.nodes,
      links: this.links,
    };
  }
}

/** A whole spec from its maps and value maps (each value map once, however many maps use it). */
export function buildSpec(maps: readonly MapDefinition[], valueMaps: readonly ValueMap[], settings: MappingSettings): MappingSpec {
  const seen = new Map<string, ValueMap>();
  for (const map of valueMaps) seen.set(map.id, map);
  const ids = new Set<string>();
  const unique = maps.filter((m) => (ids.has(m.id) ? false : (ids.add(m.id), true)));
  return { format: MAPPING_FORMAT, maps: unique, valueMaps: [...seen.values()], settings };
}

/** HL7 v2 and FHIR schema references, as the builders name them. */
export const hl7Message = (structure: string, version = '2.5.1'): SchemaRef => ({ standard: 'hl7v2', version, structure });
export const hl7Segment = (segment: string, version = '2.5.1'): SchemaRef => ({ standard: 'hl7v2', version, segment });
export const hl7Datatype = (datatype: string, version = '2.5.1'): SchemaRef => ({ standard: 'hl7v2', version, datatype });
export const fhirResource = (resource: string): SchemaRef => ({ standard: 'fhir-r4', resource });
export const fhirType = (type: string): SchemaRef => ({ standard: 'fhir-r4', type });
