import type { Link, MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { Focus } from '../state/viewStore';

export interface Highlight {
  links: Set<string>;
  nodes: Set<string>;
  /** `${nodeId}\u0000${path}` of source and target rows. */
  rows: Set<string>;
}

export const rowKey = (nodeId: string, path: string): string => `${nodeId}\u0000${path}`;

/** A target path is written by a link to it or to one of its ancestors' context, or to a descendant. */
function pathWithin(path: string, under: string): boolean {
  return path === under || path.startsWith(`${under}.`) || path.startsWith(`${under}-`) || path.startsWith(`${under}[`);
}

/**
 * What a focused row, link or node is connected to, read from the spec's graph (so it works
 * before any preview has run): upstream to the source fields that feed it and downstream to
 * the target elements it writes.
 */
export function traceGraph(spec: MappingSpec, focus: Focus): Highlight {
  const out: Highlight = { links: new Set(), nodes: new Set(), rows: new Set() };
  if (!focus) return out;
  const incoming = new Map<string, Link[]>();
  const outgoing = new Map<string, Link[]>();
  for (const link of spec.links) {
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
      for (const link of spec.links) if ('target' in link.to && link.to.target === focus.node && pathWithin(link.to.path, focus.path)) up(link);
      break;
    case 'source':
      out.rows.add(rowKey(focus.node, focus.path));
      for (const link of spec.links) if ('source' in link.from && link.from.source === focus.node && pathWithin(link.from.path, focus.path)) down(link);
      break;
    case 'link': {
      const link = spec.links.find((l) => l.id === focus.id);
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
