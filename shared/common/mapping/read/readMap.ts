import { linkOrder } from '../compile/MapIndex';
import { expressionPaths } from '../edit/editPaths';
import { nodeKindOf, nodePortsOf, type MappingNode, type PortEnv } from '../nodes/nodeKinds';
import type { Link, LinkFrom, MapDefinition } from '../spec/MappingSpec';

/** Everything upstream of one link, in evaluation order (what it reads first comes first). */
export interface LinkChain {
  /** The link itself last, after every link into the nodes on the way. */
  links: Link[];
  /** The nodes on the way, upstream first. */
  nodes: MappingNode[];
  /** The source paths read on the way: link sources and the paths conditions read, each once. */
  sources: string[];
}

/**
 * One map as people read it: what flows along each link, written the way `crosswalk show`
 * writes it (`string.trim(CX.1)`, `PID-8 → Patient.gender via v2-0001-gender`), the chain of
 * nodes behind a link, and the context a link writes in. `crosswalk show`, the table view's rows
 * and the documentation all read maps through this, so a link reads the same everywhere.
 */
export interface MapReader {
  map: MapDefinition;
  nodes: ReadonlyMap<string, MappingNode>;
  /** The links into each node (every port), in the map's order. */
  inputs: ReadonlyMap<string, readonly Link[]>;
  /** What flows out of a link's start, as an expression over source paths. */
  render(from: LinkFrom): string;
  /** A value map or map call fed straight from a source path: `PID-8 → … via v2-0001-gender`. */
  via(link: Link): { input: string; name: string } | undefined;
  /** A target link as one rule, without indentation: `for each OBX → Observation`, `PID-8 → Patient.gender via …`. */
  rule(link: Link, prefix?: string): string;
  chain(link: Link): LinkChain;
  /**
   * For the links into one target, the context link each is evaluated in (the deepest context
   * whose target path starts its own, the one whose source it reads when several do).
   */
  contextsOf(links: readonly Link[]): Map<Link, Link | undefined>;
  /** The source item a context link iterates (`OBX`, `PV1-3`), past the filters on its way. */
  itemOf(context: Link): string;
}

export const targetPathOf = (link: Link): string => (link.to as { path: string }).path;

/** Target links sorted as `crosswalk show` prints them: by target path, then in the order the engine writes them. */
export function byTargetPath(links: readonly Link[]): Link[] {
  return [...links].sort((a, b) => (targetPathOf(a) < targetPathOf(b) ? -1 : targetPathOf(a) > targetPathOf(b) ? 1 : linkOrder(a, b)));
}

export function readMap(map: MapDefinition, env: PortEnv): MapReader {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const inputs = new Map<string, Link[]>();
  for (const link of map.links) {
    if ('node' in link.to) inputs.set(link.to.node, [...(inputs.get(link.to.node) ?? []), link]);
  }

  const render = (from: LinkFrom, seen: ReadonlySet<string> = new Set()): string => {
    if ('source' in from) return from.path;
    const node = nodes.get(from.node);
    if (!node || seen.has(node.id)) return `${from.node}.${from.port}`;
    const next = new Set(seen).add(node.id);
    const rendered = new Map<string, string>();
    const linked = [...(inputs.get(node.id) ?? [])].sort(linkOrder);
    const ports = [...nodePortsOf(node, env).inputs.map((p) => p.name), ...linked.map((l) => (l.to as { port: string }).port)];
    for (const port of ports) {
      if (rendered.has(port)) continue;
      const into = linked.filter((l) => (l.to as { port: string }).port === port);
      if (into.length > 0) rendered.set(port, into.map((l) => render(l.from, next)).join(', '));
    }
    return nodeKindOf(node).show(node as never, rendered, from.port);
  };

  const via = (link: Link): { input: string; name: string } | undefined => {
    if (!('node' in link.from)) return undefined;
    const node = nodes.get(link.from.node);
    if (!node || (node.kind !== 'valueMap' && node.kind !== 'call')) return undefined;
    const feed = inputs.get(node.id);
    if (!feed || feed.length !== 1 || !('source' in feed[0].from)) return undefined;
    const name = node.kind === 'valueMap' ? `${node.valueMapId}${link.from.port === 'code' ? '' : `.${link.from.port}`}` : node.map;
    return { input: feed[0].from.path, name };
  };

  const rule = (link: Link, prefix = ''): string => {
    const to = `${prefix}${targetPathOf(link)}`;
    const tail = link.order ? `  [order ${link.order}]` : '';
    if (link.kind === 'context') return `for each ${render(link.from)} → ${to}${tail}`;
    const through = via(link);
    return through ? `${through.input} → ${to} via ${through.name}${tail}` : `${render(link.from)} → ${to}${tail}`;
  };

  const chain = (link: Link): LinkChain => {
    const links: Link[] = [];
    const chainNodes: MappingNode[] = [];
    const sources: string[] = [];
    const addSource = (path: string): void => {
      if (!sources.includes(path)) sources.push(path);
    };
    const seen = new Set<string>();
    const visit = (at: Link): void => {
      if ('source' in at.from) {
        addSource(at.from.path);
      } else if (!seen.has(at.from.node)) {
        seen.add(at.from.node);
        const node = nodes.get(at.from.node);
        if (node) {
          for (const into of [...(inputs.get(node.id) ?? [])].sort(linkOrder)) visit(into);
          if (node.kind === 'condition') readsOf(node.expression).forEach(addSource);
          chainNodes.push(node);
        }
      }
      links.push(at);
    };
    visit(link);
    return { links, nodes: chainNodes, sources };
  };

  /** The source item a context iterates (for telling apart contexts on one element). */
  const sourceItem = (ctx: Link): string => {
    if ('source' in ctx.from) return ctx.from.path;
    const into = inputs.get(ctx.from.node)?.[0];
    return into && 'source' in into.from ? into.from.path : ctx.from.node;
  };

  const contextsOf = (links: readonly Link[]): Map<Link, Link | undefined> => {
    const contexts = links.filter((l) => l.kind === 'context');
    const within = (path: string, ctx: Link): boolean => path === targetPathOf(ctx) || path.startsWith(`${targetPathOf(ctx)}.`);
    const out = new Map<Link, Link | undefined>();
    for (const link of links) {
      const candidates = contexts.filter((c) => c !== link && within(targetPathOf(link), c) && (link.kind !== 'context' || targetPathOf(c).length < targetPathOf(link).length));
      if (candidates.length === 0) {
        out.set(link, undefined);
        continue;
      }
      const deepest = Math.max(...candidates.map((c) => targetPathOf(c).length));
      const best = candidates.filter((c) => targetPathOf(c).length === deepest);
      const rendered = best.length === 1 ? '' : render(link.from);
      out.set(link, best.length === 1 ? best[0] : best.find((c) => rendered.includes(sourceItem(c))) ?? best[0]);
    }
    return out;
  };

  return { map, nodes, inputs, render: (from) => render(from), via, rule, chain, contextsOf, itemOf: sourceItem };
}

/** The source paths an expression reads; one that does not parse reads none here (compiling reports it). */
function readsOf(expression: string): string[] {
  try {
    return expressionPaths(expression);
  } catch {
    return [];
  }
}
