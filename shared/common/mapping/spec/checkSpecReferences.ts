import { CrosswalkError } from '../../errors/CrosswalkError';
import type { MappingSpec } from './MappingSpec';

/**
 * The checks a schema cannot express: ids unique across sources, targets, nodes and links (they
 * share one namespace, the canvas's), and every id a link or node names exists. Layout entries
 * of removed nodes are not an error (layout is not semantics); normalizeSpec drops them.
 */
export function checkSpecReferences(spec: MappingSpec, where = 'mapping'): void {
  const kinds = new Map<string, string>();
  const claim = (id: string, kind: string, path: string): void => {
    const previous = kinds.get(id);
    if (previous !== undefined) {
      throw new CrosswalkError('SPEC_DUPLICATE_ID', `The id "${id}" is used twice (by a ${previous} and a ${kind}); ids must be unique.`, { path, node: id });
    }
    kinds.set(id, kind);
  };
  spec.sources.forEach((source, i) => claim(source.id, 'source', `${where}.sources[${i}].id`));
  spec.targets.forEach((target, i) => claim(target.id, 'target', `${where}.targets[${i}].id`));
  spec.nodes.forEach((node, i) => claim(node.id, 'node', `${where}.nodes[${i}].id`));
  spec.links.forEach((link, i) => claim(link.id, 'link', `${where}.links[${i}].id`));

  const valueMapIds = new Set<string>();
  spec.valueMaps.forEach((map, i) => {
    if (valueMapIds.has(map.id)) {
      throw new CrosswalkError('SPEC_DUPLICATE_ID', `The value map id "${map.id}" is used twice.`, { path: `${where}.valueMaps[${i}].id` });
    }
    valueMapIds.add(map.id);
  });

  spec.nodes.forEach((node, i) => {
    if (node.kind === 'valueMap' && !valueMapIds.has(node.valueMapId)) {
      throw new CrosswalkError('SPEC_UNKNOWN_VALUE_MAP', `Node "${node.id}" uses the value map "${node.valueMapId}", which the mapping does not define.`, { path: `${where}.nodes[${i}].valueMapId`, node: node.id });
    }
    if (node.kind === 'reference' && kinds.get(node.target) !== 'target') {
      throw new CrosswalkError('SPEC_UNKNOWN_TARGET', `Node "${node.id}" refers to "${node.target}", which is not a target of the mapping.`, { path: `${where}.nodes[${i}].target`, node: node.id });
    }
  });

  spec.links.forEach((link, i) => {
    const path = `${where}.links[${i}]`;
    const from = link.from;
    if ('source' in from) {
      if (kinds.get(from.source) !== 'source') throw dangling(link.id, `${path}.from.source`, 'source', from.source);
    } else if (kinds.get(from.node) !== 'node') {
      throw dangling(link.id, `${path}.from.node`, 'node', from.node);
    }
    const to = link.to;
    if ('target' in to) {
      if (kinds.get(to.target) !== 'target') throw dangling(link.id, `${path}.to.target`, 'target', to.target);
    } else if (kinds.get(to.node) !== 'node') {
      throw dangling(link.id, `${path}.to.node`, 'node', to.node);
    }
  });
}

function dangling(linkId: string, path: string, kind: string, id: string): CrosswalkError {
  return new CrosswalkError('SPEC_DANGLING_LINK', `Link "${linkId}" points at the ${kind} "${id}", which does not exist.`, { path, link: linkId });
}
