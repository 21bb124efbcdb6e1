import type { MappingNode, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { freshId, idsInMap, setNodePosition, updateMap } from '../../../shared/common/mapping/edit/mapEdits';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';
import type { PaletteEntry } from './nodes/NodeView';
import { nodeViews, viewOfKind } from './nodes/nodeViews';

export const PALETTE_MIME = 'application/x-crosswalk-palette';
export type { PaletteEntry };

/** What the palette offers in a map: every node kind's entries, from the kinds' views. */
export function paletteEntries(spec: MappingSpec, mapId: string, functionList: readonly FunctionInfo[], functions: ReadonlyMap<string, FunctionInfo>): PaletteEntry[] {
  const map = findMap(spec, mapId);
  if (!map) return [];
  return nodeViews.flatMap((view) => view.palette({ spec, map, functions, functionList }));
}

/** The test id of a palette entry (`palette-function-string.concat`, `palette-valueMap-new`, `palette-constant`). */
export const paletteTestId = (entry: PaletteEntry): string => `palette-${entry.kind}${entry.key ? `-${entry.key}` : ''}`;

/** The spec with a palette entry dropped on a map at a canvas position, and the new node's id. */
export function newNodeFromPalette(spec: MappingSpec, mapId: string, entry: PaletteEntry, at: { x: number; y: number }, functions: ReadonlyMap<string, FunctionInfo>): { spec: MappingSpec; nodeId: string; editValueMap?: string } {
  const map = findMap(spec, mapId);
  if (!map) return { spec, nodeId: '' };
  const used = idsInMap(map);
  const made = viewOfKind(entry.kind).create(entry, { spec, map, functions }, (stem) => freshId(used, stem));
  const node: MappingNode = made.node;
  const base = made.spec ?? spec;
  const withNode = updateMap(base, mapId, (m) => ({ ...m, nodes: [...m.nodes, node] }));
  return { spec: setNodePosition(withNode, mapId, node.id, Math.round(at.x), Math.round(at.y)), nodeId: node.id, ...(made.editValueMap ? { editValueMap: made.editValueMap } : {}) };
}
