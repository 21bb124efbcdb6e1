import type { Edge, Node } from '@xyflow/react';
import type { Link, MapDefinition, MapLayout, SchemaRef, Source, Target } from '../../../shared/common/mapping/spec/MappingSpec';
import type { SchemaNodeData } from '../schema/SchemaNode';
import type { OpNodeData } from './OpNode';
import { keyOfRef } from '../state/schemaStore';
import { viewKey } from '../state/viewStore';

export const SOURCE_X = 0;
export const TARGET_X = 1000;
export const SCHEMA_WIDTH = 340;

export function schemaTitle(ref: SchemaRef): { title: string; subtitle: string } {
  if (ref.standard === 'hl7v2') {
    if (ref.segment !== undefined) return { title: ref.segment, subtitle: `HL7 v${ref.version} segment ${ref.segment}` };
    if (ref.datatype !== undefined) return { title: ref.datatype, subtitle: `HL7 v${ref.version} data type ${ref.datatype}` };
    return { title: ref.structure ?? '', subtitle: `HL7 v${ref.version} ${ref.structure ?? ''}` };
  }
  if (ref.standard === 'fhir-r4') {
    const type = ref.resource ?? ref.type ?? '';
    return { title: type, subtitle: ref.resource !== undefined ? `FHIR R4 ${type}` : `FHIR R4 data type ${type}` };
  }
  const format = ref.standard === 'json' ? 'JSON' : 'CSV';
  return { title: format, subtitle: ref.standard === 'csv' && ref.messages === 'file' ? `${format} file, inferred from its sample` : `${format} ${ref.standard === 'csv' ? 'row' : 'document'}, inferred from its sample` };
}

/**
 * The canvas nodes of one map: a direct view of it (its source left, its targets right, its
 * nodes between), placed where the map's layout says or, for nodes it does not place yet, by a
 * default column.
 */
export function mapToNodes(map: MapDefinition, layout: MapLayout, selected: ReadonlySet<string>, heights: { source: number; target: number }): Node[] {
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodes: Node[] = [];
  const schemaNode = (end: Source | Target, side: SchemaNodeData['side'], position: { x: number; y: number }, height: number): Node => {
    const at = placed.get(end.id);
    const { title, subtitle } = schemaTitle(end.schema);
    const data: SchemaNodeData = { side, title: end.label ?? title, subtitle, schemaKey: keyOfRef(end.schema), viewKey: viewKey(map.id, end.id) };
    return {
      id: end.id, type: 'schema', data, dragHandle: '.schema-node__header', deletable: false,
      position: { x: at?.x ?? position.x, y: at?.y ?? position.y },
      style: { width: at?.width ?? SCHEMA_WIDTH, height },
      selected: selected.has(end.id),
    };
  };
  map.sources.forEach((source, i) => nodes.push(schemaNode(source, 'source', { x: SOURCE_X, y: i * (heights.source + 40) }, heights.source)));
  map.targets.forEach((target, i) => nodes.push(schemaNode(target, 'target', { x: TARGET_X, y: i * (heights.target + 40) }, heights.target)));
  map.nodes.forEach((node, i) => {
    const at = placed.get(node.id);
    const data: OpNodeData = { node, mapId: map.id };
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

export function mapToEdges(
  map: MapDefinition,
  rowHandle: (nodeId: string, path: string) => string,
  selected: ReadonlySet<string>,
  highlighted: ReadonlySet<string>,
): Edge[] {
  return map.links.map((link) => {
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
