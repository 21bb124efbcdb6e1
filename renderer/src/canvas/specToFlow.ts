import type { Edge, Node } from '@xyflow/react';
import type { Link, MappingSpec, SchemaRef, Source, Target } from '../../../shared/common/mapping/spec/MappingSpec';
import type { SchemaNodeData } from '../schema/SchemaNode';
import type { OpNodeData } from './OpNode';
import type { SchemaRefKey } from '../state/schemaStore';
import { FHIR_R4_VERSION } from '../../../shared/common/schema/SchemaCatalog';

export const SOURCE_X = 0;
export const TARGET_X = 1000;
export const SCHEMA_WIDTH = 340;
export const SCHEMA_HEIGHT = 520;
/** Targets are shorter than the source: there are several of them, stacked. */
export const TARGET_HEIGHT = 340;

/** The catalog reference the Studio API loads a tree by; undefined for inferred (json/csv) schemas. */
export function schemaRefKey(ref: SchemaRef): SchemaRefKey | undefined {
  if (ref.standard === 'hl7v2') return { standard: 'hl7v2', version: ref.version, structure: ref.structure };
  if (ref.standard === 'fhir-r4') return { standard: 'fhir-r4', version: FHIR_R4_VERSION, structure: ref.resource };
  return undefined;
}

export function schemaTitle(ref: SchemaRef): { title: string; subtitle: string } {
  if (ref.standard === 'hl7v2') return { title: ref.structure, subtitle: `HL7 v${ref.version} ${ref.structure}` };
  if (ref.standard === 'fhir-r4') return { title: ref.resource, subtitle: `FHIR R4 ${ref.resource}` };
  return { title: ref.standard.toUpperCase(), subtitle: `Inferred from a ${ref.standard} sample` };
}

export const keyOf = (k: SchemaRefKey | undefined): string => (k ? `${k.standard}|${k.version}|${k.structure}` : 'none');

/**
 * The canvas nodes: a direct view of the spec (sources left, targets right, the spec's nodes
 * between), placed where the layout says or, for nodes it does not place yet, by a default column.
 */
export function specToNodes(spec: MappingSpec, selected: ReadonlySet<string>): Node[] {
  const placed = new Map((spec.layout?.nodes ?? []).map((n) => [n.id, n]));
  const nodes: Node[] = [];
  const schemaNode = (end: Source | Target, side: SchemaNodeData['side'], position: { x: number; y: number }, height: number): Node => {
    const at = placed.get(end.id);
    const { title, subtitle } = schemaTitle(end.schema);
    const data: SchemaNodeData = { side, title: end.label ?? title, subtitle, schemaKey: keyOf(schemaRefKey(end.schema)) };
    return {
      id: end.id, type: 'schema', data, dragHandle: '.schema-node__header', deletable: false,
      position: { x: at?.x ?? position.x, y: at?.y ?? position.y },
      style: { width: at?.width ?? SCHEMA_WIDTH, height },
      selected: selected.has(end.id),
    };
  };
  spec.sources.forEach((source, i) => nodes.push(schemaNode(source, 'source', { x: SOURCE_X, y: i * (SCHEMA_HEIGHT + 40) }, SCHEMA_HEIGHT + 180)));
  spec.targets.forEach((target, i) => nodes.push(schemaNode(target, 'target', { x: TARGET_X, y: i * (TARGET_HEIGHT + 40) }, TARGET_HEIGHT)));
  spec.nodes.forEach((node, i) => {
    const at = placed.get(node.id);
    const data: OpNodeData = { node };
    nodes.push({
      id: node.id, type: 'op', data,
      position: { x: at?.x ?? 480 + (i % 2) * 200, y: at?.y ?? 40 + i * 110 },
      selected: selected.has(node.id),
    });
  });
  return nodes;
}

export interface LinkEnds {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

/** Which canvas node and handle each end of a link is drawn to (schema rows resolved by `rowHandle`). */
export function linkEnds(link: Link, rowHandle: (nodeId: string, path: string) => string): LinkEnds {
  const from = link.from;
  const to = link.to;
  return {
    source: 'source' in from ? from.source : from.node,
    sourceHandle: 'source' in from ? rowHandle(from.source, from.path) : from.port,
    target: 'target' in to ? to.target : to.node,
    targetHandle: 'target' in to ? rowHandle(to.target, to.path) : to.port,
  };
}

export function specToEdges(
  spec: MappingSpec,
  rowHandle: (nodeId: string, path: string) => string,
  selected: ReadonlySet<string>,
  highlighted: ReadonlySet<string>,
): Edge[] {
  return spec.links.map((link) => {
    const ends = linkEnds(link, rowHandle);
    const classes = ['link'];
    if (link.kind === 'context') classes.push('link--context');
    if (highlighted.has(link.id)) classes.push('link--highlight');
    // A link drawn to an ancestor or to the list edge is dimmed so it does not claim a row it does not read.
    if (ends.sourceHandle.startsWith('__') || ends.targetHandle.startsWith('__')) classes.push('link--offscreen');
    return {
      id: link.id,
      ...ends,
      className: classes.join(' '),
      selected: selected.has(link.id),
      data: { link },
    };
  });
}
