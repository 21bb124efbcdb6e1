import { CrosswalkError } from '../../errors/CrosswalkError';
import { newTargets } from '../build/newMapping';
import type { MapDefinition, MappingSpec } from '../spec/MappingSpec';
import { dropFromLayout, idsInMap, requireMap, updateMap } from './mapEdits';

/**
 * Adding and removing a message map's target resources: the studio's "add a resource" and
 * "remove" on a target, each one undo step. Pure, like every edit of mapEdits.ts.
 */

function requireMessageMap(spec: MappingSpec, mapId: string): MapDefinition {
  const map = requireMap(spec, mapId);
  if (map.kind !== 'message') {
    throw new CrosswalkError('EDIT_NOT_MESSAGE_MAP', `Map ${mapId} is a ${map.kind} map, whose one target is its output; only a message map's resources can be added or removed.`, { map: mapId });
  }
  return map;
}

/** The spec with one more FHIR R4 resource written by a message map (after its others), and the new target's id. */
export function addTarget(spec: MappingSpec, mapId: string, resource: string): { spec: MappingSpec; targetId: string } {
  const map = requireMessageMap(spec, mapId);
  const [target] = newTargets([resource], idsInMap(map));
  return { spec: updateMap(spec, mapId, (m) => ({ ...m, targets: [...m.targets, target] })), targetId: target.id };
}

/**
 * The spec without one of a message map's targets, the links that write it, and the reference
 * nodes that point at it (with their links): in the message map, and in the segment and data type
 * maps it calls, unless another message map still has a target of that id for them to name; and
 * the nodes that only carried such a reference on (a condition that passes it to Coverage.payor),
 * which would otherwise write their bare result where the reference went. The nodes that fed only
 * the removed links stay, unlinked, for the analyst to reuse or delete.
 */
export function removeTarget(spec: MappingSpec, mapId: string, targetId: string): MappingSpec {
  const map = requireMessageMap(spec, mapId);
  if (!map.targets.some((t) => t.id === targetId)) {
    throw new CrosswalkError('EDIT_UNKNOWN_TARGET', `Map ${mapId} has no target "${targetId}".`, { map: mapId, node: targetId });
  }
  if (map.targets.length === 1) {
    throw new CrosswalkError('EDIT_LAST_TARGET', `Map ${mapId} writes only "${targetId}"; add another resource before removing it.`, { map: mapId, node: targetId });
  }
  const namedElsewhere = spec.maps.some((m) => m.kind === 'message' && m.id !== mapId && m.targets.some((t) => t.id === targetId));
  let next = spec;
  for (const each of spec.maps) {
    const own = each.id === mapId;
    if (!own && (each.kind === 'message' || namedElsewhere)) continue;
    const references = new Set(each.nodes.filter((n) => n.kind === 'reference' && n.target === targetId).map((n) => n.id));
    if (!own && references.size === 0) continue;
    const removed = withCarriers(each, references);
    const gone = own ? new Set([...removed, targetId]) : removed;
    next = updateMap(next, each.id, (m) => ({
      ...m,
      targets: own ? m.targets.filter((t) => t.id !== targetId) : m.targets,
      nodes: m.nodes.filter((n) => !removed.has(n.id)),
      links: m.links.filter((l) => !('target' in l.to && l.to.target === targetId && own) && !('node' in l.from && removed.has(l.from.node)) && !('node' in l.to && removed.has(l.to.node))),
    }));
    next = dropFromLayout(next, each.id, gone);
  }
  return next;
}

/** The nodes removed with them: each node whose every input came from a removed node, transitively. */
function withCarriers(map: MapDefinition, removed: Set<string>): Set<string> {
  const gone = new Set(removed);
  for (let grew = true; grew;) {
    grew = false;
    for (const node of map.nodes) {
      if (gone.has(node.id)) continue;
      const inputs = map.links.filter((l) => 'node' in l.to && l.to.node === node.id);
      if (inputs.length > 0 && inputs.every((l) => 'node' in l.from && gone.has(l.from.node))) {
        gone.add(node.id);
        grew = true;
      }
    }
  }
  return gone;
}
