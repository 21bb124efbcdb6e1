import type { Link, MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import type { TraceItem } from '../preview/previewTypes';
import type { Focus } from '../state/viewStore';

export interface Highlight {
  links: Set<string>;
  nodes: Set<string>;
  /** `${nodeId}\u0000${path}` of source and target rows. */
  rows: Set<string>;
  /** Map-call nodes on a traced value's path: the value went through the map they call. */
  calls: Set<string>;
}

export const emptyHighlight = (): Highlight => ({ links: new Set(), nodes: new Set(), rows: new Set(), calls: new Set() });

export const rowKey = (nodeId: string, path: string): string => `${nodeId}\u0000${path}`;

/** A target path is written by a link to it or to one of its ancestors' context, or to a descendant. */
function pathWithin(path: string, under: string): boolean {
  return path === under || path.startsWith(`${under}.`) || path.startsWith(`${under}-`) || path.startsWith(`${under}[`);
}

/**
 * What a focused row, link or node of the current map is connected to, read from the map's graph
 * (so it works before any preview has run): upstream to the source fields that feed it and
 * downstream to the target elements it writes.
 */
export function traceGraph(map: MapDefinition, focus: Focus): Highlight {
  const out = emptyHighlight();
  if (!focus || focus.kind === 'trace') return out;
  const incoming = new Map<string, Link[]>();
  const outgoing = new Map<string, Link[]>();
  for (const link of map.links) {
    const to = 'node' in link.to ? link.to.node : undefined;
    const from = 'node' in link.from ? link.from.node : undefined;
    if (to) incoming.set(to, [...(incoming.get(to) ?? []), link]);
    if (from) outgoing.set(from, [...(outgoing.get(from) ?? []), link]);
  }
  const seenUp = new Set<string>();
  const seenDown = new Set<string>();
  const up = (link: Link): void => {
    if (seenUp.has(link.id)) return;
    seenUp.add(link.id);
    out.links.add(link.id);
    if ('source' in link.from) out.rows.add(rowKey(link.from.source, link.from.path));
    else {
      out.nodes.add(link.from.node);
      for (const l of incoming.get(link.from.node) ?? []) up(l);
    }
  };
  const down = (link: Link): void => {
    if (seenDown.has(link.id)) return;
    seenDown.add(link.id);
    out.links.add(link.id);
    if ('target' in link.to) out.rows.add(rowKey(link.to.target, link.to.path));
    else {
      out.nodes.add(link.to.node);
      for (const l of outgoing.get(link.to.node) ?? []) down(l);
    }
  };
  switch (focus.kind) {
    case 'target':
      out.rows.add(rowKey(focus.node, focus.path));
      for (const link of map.links) if ('target' in link.to && link.to.target === focus.node && pathWithin(link.to.path, focus.path)) up(link);
      break;
    case 'source':
      out.rows.add(rowKey(focus.node, focus.path));
      for (const link of map.links) if ('source' in link.from && link.from.source === focus.node && pathWithin(link.from.path, focus.path)) down(link);
      break;
    case 'link': {
      const link = map.links.find((l) => l.id === focus.id);
      if (link) { up(link); down(link); }
      break;
    }
    case 'node':
      out.nodes.add(focus.id);
      for (const l of incoming.get(focus.id) ?? []) up(l);
      for (const l of outgoing.get(focus.id) ?? []) down(l);
      break;
  }
  return out;
}

/** `PID[Patient]/l-family` → `l-family` when it is a trace id of this map. */
function localIds(ids: readonly string[], mapId: string): Set<string> {
  const prefix = `${mapId}/`;
  return new Set(ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length)));
}

/**
 * The path a traced output value took through the current map: the trace names links and nodes
 * in every map it crossed (`<map>/<id>`), and this keeps this map's, with the source and target
 * rows at their ends and the map calls it went through.
 */
export function traceHighlight(map: MapDefinition, items: readonly TraceItem[]): Highlight {
  const out = emptyHighlight();
  for (const item of items) {
    for (const id of localIds([...item.links, item.link], map.id)) out.links.add(id);
    for (const id of localIds(item.nodes, map.id)) out.nodes.add(id);
  }
  for (const link of map.links) {
    if (!out.links.has(link.id)) continue;
    if ('source' in link.from) out.rows.add(rowKey(link.from.source, link.from.path));
    if ('target' in link.to) out.rows.add(rowKey(link.to.target, link.to.path));
  }
  for (const node of map.nodes) if (node.kind === 'call' && out.nodes.has(node.id)) out.calls.add(node.id);
  return out;
}

/** The map id of a trace id (`CX[Identifier]/l-system` → `CX[Identifier]`). */
export function mapOfTraceId(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash === -1 ? '' : id.slice(0, slash);
}

/** The maps a traced value crossed, the one that wrote it last. */
export function mapsCrossed(item: TraceItem): string[] {
  const writer = mapOfTraceId(item.link);
  const seen = new Set<string>();
  for (const id of [...item.links, ...item.nodes]) {
    const map = mapOfTraceId(id);
    if (map !== '' && map !== writer) seen.add(map);
  }
  return [...seen, writer];
}
