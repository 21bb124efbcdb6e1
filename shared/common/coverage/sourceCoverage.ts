import type { Hl7Leaf, Hl7Message } from '../hl7v2';
import { hl7InputOf, type MapDefinition, type MappingSpec } from '../mapping/spec/MappingSpec';
import type { SchemaNode } from '../schema/SchemaNode';
import type { MapSourceCoverage, SampleCoverage } from './MappingCoverage';
import { covers, type SourcePlace, type SourceReads } from './recordSourceReads';

/** One message that mapped: its leaves and what mapping it read. */
export interface MappedSample {
  name: string;
  message: Hl7Message;
  /** The message map that mapped it. */
  map: string;
  reads: SourceReads;
}

/** HL7 v2 schema trees by `version|name` (segments and data types), for naming fields as the map's input tree does; absent ones are named from the leaf. */
export type Hl7TreeLookup = (version: string, name: string) => ReadonlyMap<string, SchemaNode> | undefined;

/** MSH-1 and MSH-2 are the delimiters, not data: no link reads them and the figure leaves them out. */
export function valuedLeaves(message: Hl7Message): Hl7Leaf[] {
  return message.leaves().filter((leaf) => !(leaf.segment === 'MSH' && leaf.field <= 2));
}

/** The maps a map applies, directly or through the maps it applies, itself included. */
export function callClosure(spec: Pick<MappingSpec, 'maps'>, mapId: string): Set<string> {
  const out = new Set<string>();
  const visit = (id: string): void => {
    if (out.has(id)) return;
    out.add(id);
    for (const node of spec.maps.find((m) => m.id === id)?.nodes ?? []) if (node.kind === 'call') visit(node.map);
  };
  visit(mapId);
  return out;
}

/** The places a message map's `accepts` reads to take a message (MSH-9.1, MSH-9.2 with events, MSH-12 with versions). */
export function guardPlaces(map: MapDefinition, message: Hl7Message): SourcePlace[] {
  const msh = message.segments.findIndex((s) => s.id === 'MSH');
  if (msh < 0 || !map.accepts) return [];
  const leaf = (field: number, component: number): SourcePlace => ({ segment: msh, field, rep: 1, component, whole: false });
  const out: SourcePlace[] = [];
  if (map.accepts.messages) {
    out.push(leaf(9, 1));
    if (map.accepts.messages.some((m) => m.events && m.events.length > 0)) out.push(leaf(9, 2));
  }
  if (map.accepts.versions) out.push(leaf(12, 1));
  return out;
}

/** Read places by segment index, so a leaf is tested against the places of its own segment only. */
function bySegment(places: Iterable<SourcePlace>): Map<number, SourcePlace[]> {
  const out = new Map<number, SourcePlace[]>();
  for (const place of places) {
    const list = out.get(place.segment);
    if (list) list.push(place);
    else out.set(place.segment, [place]);
  }
  return out;
}

const usedBy = (index: Map<number, SourcePlace[]>, leaf: Hl7Leaf): boolean => (index.get(leaf.segmentIndex) ?? []).some((place) => covers(place, leaf));

/** A sample's valued leaves, and those any map read. */
export function sampleCoverage(sample: MappedSample, guard: readonly SourcePlace[]): SampleCoverage {
  const index = bySegment([...[...sample.reads.reads.values()].flat(), ...guard]);
  const leaves = valuedLeaves(sample.message);
  const unused = leaves.filter((leaf) => !usedBy(index, leaf)).map((leaf) => leaf.path);
  return { name: sample.name, ok: true, map: sample.map, valued: leaves.length, used: leaves.length - unused.length, unused };
}

/**
 * One map's source coverage over the samples: the valued leaves under the items it was applied to
 * (the whole message for a message map that mapped it), and those read by its links or by the maps
 * it applies, counted per field of its input as the input's schema tree names it.
 */
export function mapSourceCoverage(spec: Pick<MappingSpec, 'maps'>, map: MapDefinition, samples: readonly MappedSample[], guards: ReadonlyMap<MappedSample, readonly SourcePlace[]>, trees: Hl7TreeLookup): MapSourceCoverage {
  const closure = callClosure(spec, map.id);
  const input = hl7InputOf(map.sources[0].schema);
  const fields = new Map<string, { valued: number; used: number }>();
  let applied = 0;
  let valued = 0;
  let used = 0;
  for (const sample of samples) {
    const items: SourcePlace[] = map.kind === 'message'
      ? (sample.map === map.id ? [{ segment: -1, field: 0, rep: 0, whole: true }] : [])
      : distinct(sample.reads.applications.get(map.id) ?? []);
    if (items.length === 0) continue;
    applied += items.length;
    const index = bySegment([...[...closure].flatMap((id) => sample.reads.reads.get(id) ?? []), ...(sample.map === map.id ? guards.get(sample) ?? [] : [])]);
    for (const leaf of valuedLeaves(sample.message)) {
      const item = items.find((it) => it.segment === -1 || covers(it, leaf));
      if (!item) continue;
      const path = input ? fieldPath(leaf, item, input, trees) : leaf.path;
      const counts = fields.get(path) ?? { valued: 0, used: 0 };
      counts.valued++;
      valued++;
      if (usedBy(index, leaf)) {
        counts.used++;
        used++;
      }
      fields.set(path, counts);
    }
  }
  return { applied, valued, used, fields: [...fields].map(([path, counts]) => ({ path, ...counts })) };
}

function distinct(places: readonly SourcePlace[]): SourcePlace[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const key = `${p.segment}|${p.field}|${p.rep}|${p.component ?? ''}|${p.subcomponent ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const hasChildren = (tree: ReadonlyMap<string, SchemaNode> | undefined, path: string): boolean => (tree?.get(path)?.children?.length ?? 0) > 0;

/**
 * A leaf's field as the map's input tree names it: `PID-3.4.2` in a segment (or message) map,
 * `CX.4.2` or `HD.2` in a data type map, a component or subcomponent named only where the tree
 * has one there (`PID-8`, `DTM`). Without a tree (a Z-segment), named from the leaf itself.
 */
function fieldPath(leaf: Hl7Leaf, item: SourcePlace, input: { level: string; name: string; version: string }, trees: Hl7TreeLookup): string {
  if (input.level !== 'datatype') {
    const tree = trees(input.version, leaf.segment);
    if (!tree) return leaf.path.replace(/\[\d+\]/g, '');
    const field = `${leaf.segment}-${leaf.field}`;
    if (!hasChildren(tree, field)) return field;
    const component = `${field}.${leaf.component}`;
    return hasChildren(tree, component) ? `${component}.${leaf.subcomponent}` : component;
  }
  const type = input.name;
  const tree = trees(input.version, type);
  if (item.subcomponent !== undefined) return type;
  if (item.component !== undefined) return !tree || hasChildren(tree, type) ? `${type}.${leaf.subcomponent}` : type;
  if (tree && !hasChildren(tree, type)) return type;
  const component = `${type}.${leaf.component}`;
  return hasChildren(tree, component) || (!tree && leaf.subcomponent > 1) ? `${component}.${leaf.subcomponent}` : component;
}
