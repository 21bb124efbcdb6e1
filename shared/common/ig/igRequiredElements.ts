import type { MapDefinition } from '../mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';

/** What a resource the message map makes needs from its creating segment to be valid FHIR R4. */
export interface IgResourceNeeds {
  /** A condition that holds when its segment maps write every required element they write (`OBX-3 != null and OBX-11 != null`). */
  expression?: string;
  /** Required elements nothing the IG maps writes: the resource could never be valid. */
  unfilled: string[];
}

/**
 * The required (min ≥ 1) top-level elements of a resource, and where the IG fills them: a link of
 * a segment map that creates it (needing the fields that link reads valued, under its conditions:
 * an OBX without OBX-3 must not become an Observation without code), or the message table itself
 * (a constant or reference, always written). An element neither fills makes the resource unfillable.
 */
export function igResourceNeeds(
  catalog: SchemaCatalog, type: string, creating: readonly MapDefinition[], elsewhere: readonly MapDefinition[], messageWrites: (element: string) => boolean,
): IgResourceNeeds {
  const required = catalog.fhirChildren(type).filter((e) => e.min >= 1);
  // A data type map named after a part of the resource (HD[MessageHeader.source-name]) merges into its root: it may write any element.
  const merged = [...creating, ...elsewhere].some((map) => map.links.some((l) => 'target' in l.to && l.to.path === type && 'node' in l.from && map.nodes.some((n) => n.id === (l.from as { node: string }).node && n.kind === 'call' && (n as { map?: string }).map?.includes(`[${type}.`) === true)));
  const needs: string[] = [];
  const unfilled: string[] = [];
  for (const { name: element, types } of required) {
    if (merged || messageWrites(element)) continue;
    // A primitive's extension (`_status`) does not give it a value.
    const primitive = types.length === 1 && /^[a-z]/.test(types[0].code);
    const tests = new Set<string>();
    let always = false;
    for (const map of creating) {
      const read = testsWriting(map, `${type}.${element}`, primitive);
      if (read === 'always') always = true;
      else read.forEach((t) => tests.add(t));
    }
    if (always) continue;
    if (tests.size > 0) {
      needs.push(tests.size === 1 ? [...tests][0] : `(${[...tests].map((t) => `(${t})`).join(' or ')})`);
      continue;
    }
    if (elsewhere.some((map) => { const read = testsWriting(map, `${type}.${element}`, primitive); return read === 'always' || read.length > 0; })) continue;
    unfilled.push(element);
  }
  if (needs.length === 0 && !merged) {
    // Nothing required from the segment: it still needs something to say (FHIR allows no empty resource).
    const read = { fields: new Set<string>(), conditions: [] as string[] };
    for (const map of creating) for (const link of map.links) if ('target' in link.to) upstream(map, link.from, read, new Set());
    if (read.fields.size > 0) needs.push(read.fields.size === 1 ? `${[...read.fields][0]} != null` : `(${[...read.fields].map((f) => `${f} != null`).join(' or ')})`);
  }
  return { ...(needs.length > 0 ? { expression: [...new Set(needs)].join(' and ') } : {}), unfilled };
}

/**
 * When the links writing an element (or under it) write it, each traced back through the map's
 * nodes: the fields it reads valued, under the conditions it passes (`TXA-19 = null` for the
 * IG's "current" when TXA-19 is not valued); 'always' when one reads nothing under no condition.
 */
function testsWriting(map: MapDefinition, path: string, primitive: boolean): string[] | 'always' {
  const writers = map.links.filter((l) => 'target' in l.to && (l.to.path === path || l.to.path.startsWith(`${path}:`) || (!primitive && l.to.path.startsWith(`${path}.`))));
  const tests: string[] = [];
  for (const link of writers) {
    const read = { fields: new Set<string>(), conditions: [] as string[] };
    upstream(map, link.from, read, new Set());
    if (read.fields.size === 0 && read.conditions.length === 0) return 'always';
    // A condition on the field (`TXA-19 = 'AV'`) already says it is valued.
    const fields = [...read.fields].filter((f) => !read.conditions.some((c) => new RegExp(`\\b${f}\\b`).test(c))).map((f) => `${f} != null`);
    const parts = [...read.conditions.map((c) => `(${c})`), ...(fields.length > 1 ? [`(${fields.join(' or ')})`] : fields)];
    tests.push(parts.join(' and '));
  }
  return [...new Set(tests)];
}

function upstream(map: MapDefinition, from: MapDefinition['links'][number]['from'], read: { fields: Set<string>; conditions: string[] }, seen: Set<string>): void {
  if ('source' in from) {
    const field = /^[A-Z][A-Z0-9]{2}-\d+/.exec(from.path)?.[0];
    if (field !== undefined) read.fields.add(field);
    return;
  }
  if (seen.has(from.node)) return;
  seen.add(from.node);
  const node = map.nodes.find((n) => n.id === from.node);
  if (node?.kind === 'condition') read.conditions.push((node as { expression: string }).expression);
  for (const link of map.links) {
    if ('node' in link.to && link.to.node === from.node) upstream(map, link.from, read, seen);
  }
}
