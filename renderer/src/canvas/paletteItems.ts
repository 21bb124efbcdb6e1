import type { MappingNode, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';
import { setNodePosition } from './layoutEdits';

export const PALETTE_MIME = 'application/x-crosswalk-palette';

/** What the palette offers; dropped on the canvas it becomes one spec node (and maybe a value map). */
export type PaletteItem =
  | { kind: 'function'; functionId: string; label: string }
  | { kind: 'valueMap'; valueMapId?: string; label: string }
  | { kind: 'constant'; label: string }
  | { kind: 'condition'; label: string }
  | { kind: 'reference'; target: string; label: string };

export function freshId(spec: MappingSpec, stem: string): string {
  const used = new Set<string>([...spec.sources, ...spec.targets, ...spec.nodes, ...spec.links].map((x) => x.id));
  const clean = stem.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z]+/, '').slice(0, 50) || 'node';
  for (let i = 1; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

function freshValueMapId(spec: MappingSpec): string {
  const used = new Set(spec.valueMaps.map((m) => m.id));
  for (let i = 1; ; i++) if (!used.has(`valuemap-${i}`)) return `valuemap-${i}`;
}

/** The spec with the palette item added at a canvas position, and the new node's id. */
export function newNodeFromPalette(spec: MappingSpec, item: PaletteItem, at: { x: number; y: number }): { spec: MappingSpec; nodeId: string; valueMapId?: string } {
  let node: MappingNode;
  let valueMaps = spec.valueMaps;
  let valueMapId: string | undefined;
  switch (item.kind) {
    case 'function':
      node = { id: freshId(spec, item.functionId.split('.').pop() ?? 'fn'), kind: 'function', functionId: item.functionId };
      break;
    case 'valueMap': {
      valueMapId = item.valueMapId;
      if (valueMapId === undefined) {
        valueMapId = freshValueMapId(spec);
        const map: ValueMap = { id: valueMapId, name: 'New value map', entries: [], unmapped: { kind: 'empty' } };
        valueMaps = [...valueMaps, map];
      }
      node = { id: freshId(spec, 'map'), kind: 'valueMap', valueMapId };
      break;
    }
    case 'constant':
      node = { id: freshId(spec, 'const'), kind: 'constant', value: '' };
      break;
    case 'condition':
      node = { id: freshId(spec, 'cond'), kind: 'condition', expression: "MSH-9.2 = 'A01'" };
      break;
    case 'reference':
      node = { id: freshId(spec, `ref-${item.target}`), kind: 'reference', target: item.target };
      break;
  }
  const withNode: MappingSpec = { ...spec, nodes: [...spec.nodes, node], valueMaps };
  return { spec: setNodePosition(withNode, node.id, Math.round(at.x), Math.round(at.y)), nodeId: node.id, valueMapId };
}
