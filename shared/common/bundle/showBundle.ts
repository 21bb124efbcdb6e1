import { nodeKindOf, nodePortsOf, type PortEnv } from '../mapping/nodes/nodeKinds';
import { mapRows } from '../mapping/read/mappingRows';
import { fhirTypeOf, hl7InputOf, type MapDefinition, type MappingSpec, type Target } from '../mapping/spec/MappingSpec';
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

function showMap(map: MapDefinition, env: PortEnv): string[] {
  const input = hl7InputOf(map.sources[0].schema);
  const source = map.sources[0].schema;
  const from = input ? `HL7 v${input.version} ${input.name}` : source.standard === 'csv' ? `CSV ${source.messages === 'file' ? 'file' : 'row'}` : source.standard === 'json' ? 'JSON' : source.standard;
  const to = map.kind === 'message' ? 'Bundle' : fhirTypeOf(map.targets[0].schema) ?? map.targets[0].schema.standard;
  const out = [`${KIND_NAMES[map.kind]} ${map.id} — ${from} → ${to}${map.label ? ` (${map.label})` : ''}`];
  if (map.accepts) {
    const messages = map.accepts.messages?.flatMap((m) => (m.events?.length ? m.events.map((e) => `${m.type}^${e}`) : [`${m.type} (any event)`])).join(', ');
    out.push(`  accepts ${messages ?? 'any message type'}${map.accepts.versions ? ` in v${map.accepts.versions.join(', v')}` : ''}`);
  }
  if (map.when) out.push(`  when ${map.when}`);
  const { rows } = mapRows(map, env);
  for (const target of map.targets) {
    if (map.kind === 'message') out.push(`  target ${target.id}: ${fhirTypeOf(target.schema) ?? target.schema.standard}${requestText(target.request)}`);
    for (const row of rows) if (row.target === target.id) out.push(`${'  '.repeat(row.depth + 1)}${row.rule}`);
  }
  // A node without ports (a note) is in no rule: it gets a line of its own, in spec order.
  for (const node of map.nodes) {
    const ports = nodePortsOf(node, env);
    if (ports.inputs.length === 0 && ports.outputs.length === 0) out.push(`  ${nodeKindOf(node).show(node as never, new Map(), '')}`);
  }
  return out;
}

/**
 * A target's transaction request in words: ` (PUT)`, ` (conditional update on identifier[MR];
 * without one: fail)`, ` (conditional create on identifier; without one: create; one per record)`.
 */
function requestText(request: Target['request']): string {
  if (!request) return '';
  const parts: string[] = [];
  if (request.search) {
    const search = request.search.map((p) => (p.ofType ? `${p.name}[${p.ofType}]` : p.name)).join(' & ');
    parts.push(`conditional ${request.method === 'PUT' ? 'update' : 'create'} on ${search}; without one: ${request.otherwise === 'create' ? (request.method === 'PUT' ? 'PUT by id' : 'create') : 'fail'}`);
  } else if (request.method === 'PUT' || request.sameRecord !== undefined) parts.push(request.method);
  if (request.sameRecord === 'merge') parts.push('one per record');
  return ` (${parts.join('; ')})`;
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

/** What an expected output holds, by resource type (`1 Patient, 2 Observation`). */
export function describeOutput(expected: unknown): string {
  const entries = (expected as { entry?: Array<{ resource?: { resourceType?: string } }> } | undefined)?.entry;
  if (!Array.isArray(entries)) return 'an output';
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const type = entry.resource?.resourceType ?? '?';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => `${n} ${type}`).join(', ');
}
