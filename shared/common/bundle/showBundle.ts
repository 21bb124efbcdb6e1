import { nodeKindOf, nodePortsOf, type MappingNode, type PortEnv } from '../mapping/nodes/nodeKinds';
import { fhirTypeOf, hl7InputOf, type Link, type MapDefinition, type MappingSpec } from '../mapping/spec/MappingSpec';
import { countedApprovals, effectiveStatus, reviewPolicyOf, type ReviewPolicy } from '../review/reviewPolicy';
import { changesSinceApproval, reviewStatusLabels } from '../valuemaps/rowReview';
import type { ValueMap, ValueMapEntry } from '../valuemaps/ValueMap';
import type { BundleMetadata, BundleTestCase } from './BundleFile';

export interface ShowableBundle {
  metadata: BundleMetadata;
  mapping: MappingSpec;
  tests: readonly BundleTestCase[];
  /** `crosswalk.bundle/2` and its hash, for the header. */
  format?: string;
  hash?: string;
  /** A note for the header (the hash does not match, the file is format 1...). */
  notes?: readonly string[];
}

/**
 * The mapping as text, map by map, one rule a line, the way the FHIR Mapping Language reads:
 * `PID-8 → Patient.gender via v2-0001-gender`. Rules are sorted by target path, so the text of a
 * bundle changes only where the mapping does: `crosswalk show` prints it, and as a git textconv
 * driver it turns a bundle's diff into a diff of rules.
 */
export function showBundle(bundle: ShowableBundle, env: PortEnv = noPorts): string {
  const out: string[] = [];
  const { metadata, mapping } = bundle;
  out.push(`# ${metadata.name} ${metadata.version}${metadata.author ? ` by ${metadata.author}` : ''}`);
  if (metadata.description) out.push(`# ${metadata.description}`);
  const counts = [`${mapping.maps.length} map${mapping.maps.length === 1 ? '' : 's'}`, `${mapping.valueMaps.length} value map${mapping.valueMaps.length === 1 ? '' : 's'}`, `${bundle.tests.length} test${bundle.tests.length === 1 ? '' : 's'}`];
  out.push(`# ${bundle.format ?? 'bundle'}${bundle.hash ? ` ${bundle.hash}` : ''} · ${mapping.format} · ${counts.join(', ')}`);
  if (mapping.settings.defaultTimezone) out.push(`# times without an offset: ${mapping.settings.defaultTimezone}`);
  const policy = reviewPolicyOf(mapping);
  if (mapping.settings.review) {
    out.push(`# value-map review: ${policy.approvals} approval${policy.approvals === 1 ? '' : 's'} per row${policy.approverNotAuthor ? ', not by its last author' : ''}${policy.requireApproved ? ', runs only when approved' : ''}`);
  }
  for (const note of bundle.notes ?? []) out.push(`# ${note}`);
  for (const map of mapping.maps) {
    out.push('');
    out.push(...showMap(map, env));
  }
  for (const valueMap of mapping.valueMaps) {
    out.push('');
    out.push(...showValueMap(valueMap, policy));
  }
  if (bundle.tests.length > 0) {
    out.push('');
    out.push('tests');
    for (const test of bundle.tests) {
      const what = test.expectedError !== undefined
        ? `fails with ${test.expectedError}`
        : `gives ${describeOutput(test.expected)}`;
      out.push(`  ${test.name}: ${test.input.split(/\r\n|\r|\n/).filter((l) => l !== '').length} segments, ${what}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const noPorts: PortEnv = { functionPorts: () => undefined, mapTypes: () => undefined };

const KIND_NAMES: Record<MapDefinition['kind'], string> = { message: 'message map', segment: 'segment map', datatype: 'data type map' };

/** One map being written: its nodes, the links into each node, and how a link's source reads. */
interface MapText {
  nodes: ReadonlyMap<string, MappingNode>;
  inputs: ReadonlyMap<string, Link[]>;
  render(from: Link['from'], seen?: ReadonlySet<string>): string;
}

function mapText(map: MapDefinition, env: PortEnv): MapText {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const inputs = new Map<string, Link[]>();
  for (const link of map.links) {
    if ('node' in link.to) inputs.set(link.to.node, [...(inputs.get(link.to.node) ?? []), link]);
  }
  const render = (from: Link['from'], seen: ReadonlySet<string> = new Set()): string => {
    if ('source' in from) return from.path;
    const node = nodes.get(from.node);
    if (!node || seen.has(node.id)) return `${from.node}.${from.port}`;
    const next = new Set(seen).add(node.id);
    const rendered = new Map<string, string>();
    const linked = [...(inputs.get(node.id) ?? [])].sort(order);
    const ports = [...nodePortsOf(node, env).inputs.map((p) => p.name), ...linked.map((l) => (l.to as { port: string }).port)];
    for (const port of ports) {
      if (rendered.has(port)) continue;
      const into = linked.filter((l) => (l.to as { port: string }).port === port);
      if (into.length > 0) rendered.set(port, into.map((l) => render(l.from, next)).join(', '));
    }
    return nodeKindOf(node).show(node as never, rendered, from.port);
  };
  return { nodes, inputs, render };
}

function showMap(map: MapDefinition, env: PortEnv): string[] {
  const input = hl7InputOf(map.sources[0].schema);
  const from = input ? `HL7 v${input.version} ${input.name}` : map.sources[0].schema.standard;
  const to = map.kind === 'message' ? 'Bundle' : fhirTypeOf(map.targets[0].schema) ?? map.targets[0].schema.standard;
  const out = [`${KIND_NAMES[map.kind]} ${map.id} — ${from} → ${to}${map.label ? ` (${map.label})` : ''}`];
  if (map.accepts) {
    const messages = map.accepts.messages?.flatMap((m) => (m.events?.length ? m.events.map((e) => `${m.type}^${e}`) : [`${m.type} (any event)`])).join(', ');
    out.push(`  accepts ${messages ?? 'any message type'}${map.accepts.versions ? ` in v${map.accepts.versions.join(', v')}` : ''}`);
  }
  if (map.when) out.push(`  when ${map.when}`);
  const text = mapText(map, env);
  const byTarget = new Map<string, Link[]>();
  for (const link of map.links) if ('target' in link.to) byTarget.set(link.to.target, [...(byTarget.get(link.to.target) ?? []), link]);
  const types = map.targets.map((t) => fhirTypeOf(t.schema));
  const shared = new Set(types.filter((t, i) => types.indexOf(t) !== i));
  for (const target of map.targets) {
    const type = fhirTypeOf(target.schema) ?? target.schema.standard;
    if (map.kind === 'message') out.push(`  target ${target.id}: ${type}${target.request?.method === 'PUT' ? ' (PUT)' : ''}`);
    const prefix = map.kind === 'message' && shared.has(type) ? `${target.id}:` : '';
    out.push(...showRules(byTarget.get(target.id) ?? [], text, prefix));
  }
  return out;
}

const order = (a: Link, b: Link): number => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pathOf = (link: Link): string => (link.to as { path: string }).path;

/**
 * One target's rules: context links as `for each …` blocks with the rules that write inside them
 * indented below, by target path (a link goes in the deepest context whose path starts its own,
 * the one whose source it reads when several do).
 */
function showRules(links: readonly Link[], text: MapText, prefix: string): string[] {
  const contexts = links.filter((l) => l.kind === 'context');
  const within = (path: string, ctx: Link): boolean => path === pathOf(ctx) || path.startsWith(`${pathOf(ctx)}.`);
  const parentOf = (link: Link): Link | undefined => {
    const candidates = contexts.filter((c) => c !== link && within(pathOf(link), c) && (link.kind !== 'context' || pathOf(c).length < pathOf(link).length));
    if (candidates.length === 0) return undefined;
    const deepest = Math.max(...candidates.map((c) => pathOf(c).length));
    const best = candidates.filter((c) => pathOf(c).length === deepest);
    if (best.length === 1) return best[0];
    const rendered = text.render(link.from);
    return best.find((c) => rendered.includes(sourceItem(c, text))) ?? best[0];
  };
  const children = new Map<Link | undefined, Link[]>();
  for (const link of links) {
    const parent = parentOf(link);
    children.set(parent, [...(children.get(parent) ?? []), link]);
  }
  const lines: string[] = [];
  const emit = (parent: Link | undefined, indent: string): void => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : order(a, b)));
    for (const link of list) {
      const to = `${prefix}${pathOf(link)}`;
      const tail = link.order ? `  [order ${link.order}]` : '';
      if (link.kind === 'context') {
        lines.push(`${indent}for each ${text.render(link.from)} → ${to}${tail}`);
        emit(link, `${indent}  `);
        continue;
      }
      const via = viaNode(link, text);
      lines.push(via ? `${indent}${via.input} → ${to} via ${via.name}${tail}` : `${indent}${text.render(link.from)} → ${to}${tail}`);
    }
  };
  emit(undefined, '  ');
  return lines;
}

/** The source item a context iterates (for telling apart contexts on one element). */
function sourceItem(ctx: Link, text: MapText): string {
  if ('source' in ctx.from) return ctx.from.path;
  const into = text.inputs.get(ctx.from.node)?.[0];
  return into && 'source' in into.from ? into.from.path : ctx.from.node;
}

/** A value map or map call fed straight from a source path reads best as `PID-8 → Patient.gender via v2-0001-gender`. */
function viaNode(link: Link, text: MapText): { input: string; name: string } | undefined {
  if (!('node' in link.from)) return undefined;
  const node = text.nodes.get(link.from.node);
  if (!node || (node.kind !== 'valueMap' && node.kind !== 'call')) return undefined;
  const feed = text.inputs.get(node.id);
  if (!feed || feed.length !== 1 || !('source' in feed[0].from)) return undefined;
  const name = node.kind === 'valueMap' ? `${node.valueMapId}${link.from.port === 'code' ? '' : `.${link.from.port}`}` : node.map;
  return { input: feed[0].from.path, name };
}

function showValueMap(map: ValueMap, policy: ReviewPolicy): string[] {
  const unmapped = map.unmapped.kind === 'default' ? `default ${map.unmapped.code}` : map.unmapped.kind;
  const out = [`value map ${map.id} — ${map.name}`];
  if (map.sourceSystem || map.targetSystem) out.push(`  ${map.sourceSystem ?? '(local codes)'} → ${map.targetSystem ?? '(per row)'}`);
  out.push(`  unmapped: ${unmapped}`);
  for (const entry of map.entries) {
    const extra = [entry.display ? JSON.stringify(entry.display) : '', entry.system ? `(${entry.system})` : '', entry.equivalence ? `[${entry.equivalence}]` : ''].filter(Boolean).join(' ');
    out.push(`  ${entry.source} → ${entry.target}${extra ? ` ${extra}` : ''}${showRowReview(entry, policy)}`);
  }
  return out;
}

/** ` · approved by Rita Reviewer`, ` · proposed, changed since approval: target other → unknown · 2 comments`; nothing for an unreviewed row without comments. */
function showRowReview(entry: ValueMapEntry, policy: ReviewPolicy): string {
  if (entry.review === undefined) return '';
  const status = effectiveStatus(entry, policy);
  const parts: string[] = [];
  if (status === 'approved') parts.push(`approved by ${countedApprovals(entry, policy).map((a) => a.by).join(', ')}`);
  else {
    const changes = changesSinceApproval(entry);
    const changed = changes ? `, changed since approval: ${changes.map((c) => `${c.field} ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`).join(', ')}` : '';
    if (status !== 'unreviewed' || changed) parts.push(`${reviewStatusLabels[status]}${changed}`);
  }
  const comments = entry.review.comments?.length ?? 0;
  if (comments > 0) parts.push(`${comments} comment${comments === 1 ? '' : 's'}`);
  return parts.map((part) => ` · ${part}`).join('');
}

function describeOutput(expected: unknown): string {
  const entries = (expected as { entry?: Array<{ resource?: { resourceType?: string } }> } | undefined)?.entry;
  if (!Array.isArray(entries)) return 'an output';
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const type = entry.resource?.resourceType ?? '?';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => `${n} ${type}`).join(', ');
}
