import { CrosswalkError } from '../../errors/CrosswalkError';
import { constantNodeSchema } from '../nodes/constantNode';
import { assertNoForbiddenKeys } from '../../safety/forbiddenKeys';
import { sourceEndpointSchema, targetEndpointSchema, type Link, type MapDefinition, type MappingNode, type MappingSpec } from '../spec/MappingSpec';
import { requireMap, updateMap } from './mapEdits';

/**
 * An edit the table view makes in place on a row (see read/mappingRows.ts `RowEdits`): the source
 * path of a direct link, the target path of a row's link, the value map a value-map node uses, or
 * the value of a constant. A node edit changes the node, so every row that reads it sees it.
 */
export type RowEdit =
  | { kind: 'source'; map: string; link: string; path: string }
  | { kind: 'target'; map: string; link: string; path: string }
  | { kind: 'valueMap'; map: string; node: string; valueMap: string }
  | { kind: 'constant'; map: string; node: string; value: unknown };

/**
 * The spec with one row edit applied (a new spec; the same object when nothing changed). Refuses,
 * naming the map and the link or node: an id the map does not have, a link or node of another
 * kind than the edit is for, a path the spec format refuses, and a value map the mapping lacks.
 * Whether the new path exists in the schema is the compiler's to say, as for any canvas edit.
 */
export function applyRowEdit(spec: MappingSpec, edit: RowEdit): MappingSpec {
  const map = requireMap(spec, edit.map);
  switch (edit.kind) {
    case 'source': {
      const link = requireLink(map, edit.link);
      if (!('source' in link.from)) {
        throw new CrosswalkError('EDIT_NOT_A_SOURCE_LINK', `Link "${link.id}" of map ${map.id} starts at a node, not at a source field; change it on the canvas.`, { map: map.id, link: link.id });
      }
      const from = checkedPath(sourceEndpointSchema, { source: link.from.source, path: edit.path }, map, link);
      return replaceLink(spec, map, link, { ...link, from });
    }
    case 'target': {
      const link = requireLink(map, edit.link);
      if (!('target' in link.to)) {
        throw new CrosswalkError('EDIT_NOT_A_TARGET_LINK', `Link "${link.id}" of map ${map.id} ends at a node, not at a target element.`, { map: map.id, link: link.id });
      }
      const to = checkedPath(targetEndpointSchema, { target: link.to.target, path: edit.path }, map, link);
      return replaceLink(spec, map, link, { ...link, to });
    }
    case 'valueMap': {
      const node = requireNode(map, edit.node, 'valueMap', 'a value map');
      if (!spec.valueMaps.some((v) => v.id === edit.valueMap)) {
        throw new CrosswalkError('EDIT_UNKNOWN_VALUE_MAP', `The mapping has no value map "${edit.valueMap}" for node "${node.id}" of map ${map.id} to use.`, { map: map.id, node: node.id });
      }
      return node.valueMapId === edit.valueMap ? spec : replaceNode(spec, map, { ...node, valueMapId: edit.valueMap });
    }
    case 'constant': {
      const node = requireNode(map, edit.node, 'constant', 'a constant');
      assertNoForbiddenKeys(edit.value, `constant ${node.id}`, 'EDIT_BAD_CONSTANT');
      const parsed = constantNodeSchema.safeParse({ ...node, value: edit.value });
      if (!parsed.success) {
        throw new CrosswalkError('EDIT_BAD_CONSTANT', `The value for constant "${node.id}" of map ${map.id} is not JSON (text, a number, true/false, null, a list or an object).`, { map: map.id, node: node.id });
      }
      return JSON.stringify(node.value) === JSON.stringify(parsed.data.value) ? spec : replaceNode(spec, map, parsed.data);
    }
    default:
      throw new CrosswalkError('EDIT_UNKNOWN_KIND', 'The row edit names no kind this version knows (source, target, valueMap, constant).', { map: map.id });
  }
}

function requireLink(map: MapDefinition, id: string): Link {
  const link = map.links.find((l) => l.id === id);
  if (!link) throw new CrosswalkError('EDIT_UNKNOWN_LINK', `Map ${map.id} has no link "${id}".`, { map: map.id, link: id });
  return link;
}

function requireNode<K extends MappingNode['kind']>(map: MapDefinition, id: string, kind: K, what: string): Extract<MappingNode, { kind: K }> {
  const node = map.nodes.find((n) => n.id === id);
  if (!node) throw new CrosswalkError('EDIT_UNKNOWN_NODE', `Map ${map.id} has no node "${id}".`, { map: map.id, node: id });
  if (node.kind !== kind) throw new CrosswalkError('EDIT_WRONG_NODE_KIND', `Node "${id}" of map ${map.id} is a ${node.kind} node, not ${what}.`, { map: map.id, node: id });
  return node as Extract<MappingNode, { kind: K }>;
}

function checkedPath<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, endpoint: unknown, map: MapDefinition, link: Link): T {
  const parsed = schema.safeParse(endpoint);
  if (!parsed.success) throw new CrosswalkError('EDIT_BAD_PATH', `The new path of link "${link.id}" of map ${map.id} is empty or too long.`, { map: map.id, link: link.id });
  return parsed.data;
}

function replaceLink(spec: MappingSpec, map: MapDefinition, old: Link, next: Link): MappingSpec {
  if (JSON.stringify(old) === JSON.stringify(next)) return spec;
  return updateMap(spec, map.id, (m) => ({ ...m, links: m.links.map((l) => (l === old ? next : l)) }));
}

function replaceNode(spec: MappingSpec, map: MapDefinition, next: MappingNode): MappingSpec {
  return updateMap(spec, map.id, (m) => ({ ...m, nodes: m.nodes.map((n) => (n.id === next.id ? next : n)) }));
}
