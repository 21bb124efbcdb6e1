import { nodePortsOf } from '../../../shared/common/mapping/nodes/nodeKinds';
import type { MapDefinition, MapLayout, MappingNode, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';
import type { RowWindow } from '../state/viewStore';
import { viewKey } from '../state/viewStore';
import { autoLayout } from './autoLayout';
import { nodeViewOf } from './nodes/nodeViews';
import { portEnvOf } from './portEnv';
import { SCHEMA_WIDTH } from './specToFlow';

const HEADER = 22;
const PORT_ROW = 16;
const PADDING = 8;
const SOURCE_HEIGHT = 560;
const GAP = 40;

/** A target list this short still shows its header, search and the resource's first rows. */
const SHORT_TARGET = 180;

/**
 * The heights of a map's schema nodes: the source one list, the targets sharing the same height
 * between them (a segment map's one output is one tall list; a message map's resources are short
 * lists, three to a column, autoLayout wrapping them into columns), so a map fits the screen
 * whatever it writes.
 */
export function schemaHeights(map: Pick<MapDefinition, 'targets'>): { source: number; target: number } {
  const n = Math.max(1, map.targets.length);
  if (n > 3) return { source: SOURCE_HEIGHT, target: SHORT_TARGET };
  return { source: SOURCE_HEIGHT, target: Math.max(240, Math.floor((SOURCE_HEIGHT - GAP * (n - 1)) / n)) };
}

/** A node's rendered height from its kind: header, the kind's body, and the taller of its two port columns. */
export function estimatedNodeHeight(node: MappingNode, spec: MappingSpec, map: MapDefinition, functions: ReadonlyMap<string, FunctionInfo>): number {
  const ports = nodePortsOf(node, portEnvOf(functions, spec));
  const body = nodeViewOf(node).bodyHeight(node, { spec, map, functions });
  return HEADER + body + Math.max(ports.inputs.length, ports.outputs.length, 1) * PORT_ROW + PADDING;
}

/** Pixels per character of the 12px node text (a little over the average, so estimates err wide). */
const CHAR = 7;
const MIN_WIDTH = 170;
const MAX_WIDTH = 280;

/** A node's rendered width from its title and the labels of its widest row of ports (styles.css: .op-node). */
export function estimatedNodeWidth(node: MappingNode, spec: MappingSpec, map: MapDefinition, functions: ReadonlyMap<string, FunctionInfo>): number {
  const view = nodeViewOf(node);
  const ports = nodePortsOf(node, portEnvOf(functions, spec));
  const label = (p: { name: string; type: string } | undefined) => (p ? p.name.length + p.type.length + 1 : 0);
  const rows = Math.max(ports.inputs.length, ports.outputs.length);
  let portsWidth = 0;
  for (let i = 0; i < rows; i++) portsWidth = Math.max(portsWidth, (label(ports.inputs[i]) + label(ports.outputs[i])) * 6 + 52);
  const context = { spec, map, functions };
  const title = Math.min(220, view.title(node, context).length * CHAR) + 40;
  const body = view.bodyWidth?.(node, context) ?? 0;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, title, portsWidth, body));
}

/** The auto-layout of one map, ordering nodes by the rows of the source list when it is on screen. */
export function layoutMap(spec: MappingSpec, map: MapDefinition, functions: ReadonlyMap<string, FunctionInfo>, windows: Readonly<Record<string, RowWindow>> = {}): MapLayout {
  const heights = schemaHeights(map);
  return autoLayout(map, {
    schemaWidth: SCHEMA_WIDTH,
    sourceHeight: heights.source,
    targetHeight: heights.target,
    rowIndex: (nodeId, path) => windows[viewKey(map.id, nodeId)]?.index.get(path),
    nodeHeight: (node) => estimatedNodeHeight(node, spec, map, functions),
    nodeWidth: (node) => estimatedNodeWidth(node, spec, map, functions),
  }, spec.layout?.maps[map.id]);
}
