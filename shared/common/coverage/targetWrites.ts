import { placeTargetPath } from '../mapping/edit/editPaths';
import { fhirTypeOf, type LinkFrom, type MapDefinition, type MappingSpec } from '../mapping/spec/MappingSpec';

/**
 * One element a map writes, as a target path of its output (`Patient.identifier.value`,
 * `Observation.value[x]:valueQuantity.unit`). `opaque`: a value whose inside the spec does not
 * say (a function's Identifier, a formula), so every element below it may be written.
 */
export interface TargetWrite {
  path: string;
  opaque: boolean;
}

/**
 * What the links of one target write, read from the spec alone: each link's element, and below it
 * what the value carries: a called map's own writes placed where its output goes (through the
 * filters on the way), a constant object's members, a value map's coding parts, a reference. Maps
 * are read once each (`memo`); a call cycle (which the compiler refuses) reads as writing nothing.
 */
export function targetWrites(spec: Pick<MappingSpec, 'maps'>, map: MapDefinition, targetId: string, memo = new Map<string, TargetWrite[]>(), visiting = new Set<string>()): TargetWrite[] {
  const key = `${map.id}\u0000${targetId}`;
  const known = memo.get(key);
  if (known) return known;
  if (visiting.has(key)) return [];
  visiting.add(key);
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const out: TargetWrite[] = [];
  for (const link of map.links) {
    if (!('target' in link.to) || link.to.target !== targetId || link.kind === 'context') continue;
    const at = link.to.path;
    out.push({ path: at, opaque: false });
    const from = throughFilters(map, link.from);
    if (!('node' in from)) continue;
    const node = nodes.get(from.node);
    if (!node) continue;
    switch (node.kind) {
      case 'call': {
        const callee = spec.maps.find((m) => m.id === node.map);
        const type = callee ? fhirTypeOf(callee.targets[0].schema) : undefined;
        if (!callee || !type) break;
        for (const inner of targetWrites(spec, callee, callee.targets[0].id, memo, visiting)) out.push({ path: placeTargetPath(at, inner.path, type), opaque: inner.opaque });
        break;
      }
      case 'constant':
        for (const member of memberPaths(node.value)) out.push({ path: `${at}.${member}`, opaque: false });
        break;
      case 'valueMap':
        if (from.port === 'coding') for (const part of ['code', 'system', 'display']) out.push({ path: `${at}.${part}`, opaque: false });
        break;
      case 'reference':
        out.push({ path: `${at}.reference`, opaque: false });
        break;
      case 'function':
      case 'condition':
        out[out.length - 1] = { path: at, opaque: true };
        break;
      default:
    }
  }
  visiting.delete(key);
  memo.set(key, out);
  return out;
}

/** Where a value comes from past the filters on its way: a filter passes its input through, so what is written is what it filters. */
function throughFilters(map: MapDefinition, start: LinkFrom): LinkFrom {
  let from = start;
  const seen = new Set<string>();
  while ('node' in from && !seen.has(from.node)) {
    seen.add(from.node);
    const id = from.node;
    const into = map.nodes.find((n) => n.id === id)?.kind === 'condition' ? map.links.find((l) => 'node' in l.to && l.to.node === id && l.to.port === 'in') : undefined;
    if (!into) break;
    from = into.from;
  }
  return from;
}

/** Where a map's output lands in the maps that call it: the caller, its target, and the element the call's output (through filters) goes to. */
export function callSites(spec: Pick<MappingSpec, 'maps'>, mapId: string): Array<{ caller: MapDefinition; target: string; path: string }> {
  const out: Array<{ caller: MapDefinition; target: string; path: string }> = [];
  for (const caller of spec.maps) {
    const calls = new Set(caller.nodes.filter((n) => n.kind === 'call' && n.map === mapId).map((n) => n.id));
    if (calls.size === 0) continue;
    for (const link of caller.links) {
      if (!('target' in link.to) || link.kind === 'context') continue;
      const from = throughFilters(caller, link.from);
      if ('node' in from && calls.has(from.node)) out.push({ caller, target: link.to.target, path: link.to.path });
    }
  }
  return out;
}

/** The member paths of a JSON value written as an element (`coding.system`); items of a list lie at the list's own path, as FHIR paths write them. */
function memberPaths(value: unknown, prefix = '', depth = 0): string[] {
  if (depth > 32) return [];
  if (Array.isArray(value)) return value.flatMap((item) => memberPaths(item, prefix, depth + 1));
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.push(path, ...memberPaths(inner, path, depth + 1));
  }
  return out;
}
