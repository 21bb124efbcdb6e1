import { CrosswalkError } from '../../errors/CrosswalkError';
import { parsePath, type Hl7Path } from '../../hl7v2';
import { datatypeRewrite, parseDatatypePath, segmentRewrite, type PathRewrite } from '../compile/inputBinding';
import { parseSegmentOnly } from '../compile/sourceRead';
import { fhirTypeOf, hl7InputOf, type Link, type MapDefinition, type MappingNode, type MappingSpec } from '../spec/MappingSpec';
import { followFilters, placeTargetPath, rewriteExpression, rewriteNodePaths, targetPathWithin, type SchemaRowLookup } from './editPaths';
import { dropFromLayout, idsInMap, keepOrFreshId, positionOf, requireMap, setNodePositions, updateMap } from './mapEdits';

const CODE = 'EDIT_CANNOT_INLINE';

export interface InlinedMap {
  spec: MappingSpec;
  /** The ids, in the calling map, of the nodes that came from the called map. */
  nodeIds: string[];
}

function refuse(message: string, where: { map: string; node?: string; link?: string }): never {
  throw new CrosswalkError(CODE, message, where);
}

/**
 * A data type map applied to a component of the composite a data type map reads (`CX.4` given to
 * HD[…]): `HD.2` is `CX.4.2`. The compiler never sees this form (it rewrites the caller's paths to
 * message paths first); an edit works in the caller's own terms.
 */
function datatypeInDatatypeRewrite(type: string, given: { type: string; component?: number; subcomponent?: number }, mapId: string): PathRewrite {
  return (path) => {
    const p = parseDatatypePath(path);
    if (!p || p.type !== type) return path;
    const base = `${given.type}${given.component !== undefined ? `.${given.component}` : ''}`;
    if (p.component === undefined) return base;
    if (given.component === undefined) return `${base}.${p.component}${p.subcomponent !== undefined ? `.${p.subcomponent}` : ''}`;
    if (given.subcomponent !== undefined || p.subcomponent !== undefined) {
      throw new CrosswalkError('MAP_INPUT_TOO_DEEP', `Map ${mapId} reads ${path}, but it was given ${base}, whose parts have no parts of their own.`, { map: mapId, path });
    }
    return `${base}.${p.component}`;
  };
}

/** Is `item` iterated by a context of the map that encloses `targetPath`? (What the compiler calls bound.) */
function boundByContext(map: MapDefinition, targetId: string, targetPath: string, bound: (source: string) => boolean): boolean {
  return map.links.some((link) => {
    if (link.kind !== 'context' || !('target' in link.to) || link.to.target !== targetId || !targetPathWithin(targetPath, link.to.path)) return false;
    try {
      return bound(followFilters(map, link, CODE, 'A context link').path);
    } catch {
      return false;
    }
  });
}

/**
 * Replaces a call node with the called map's nodes and links, written in the calling map's terms:
 * the called map's source paths rewritten to read the item it was given (the compiler's rules,
 * compile/inputBinding.ts), its target paths placed where the call's output went, its `when` kept
 * as a filter. Where the call iterated a repeating item (one output per PID-3 repetition), the
 * copy gets a context link over that item instead, so the mapping does what it did. `rows` tells
 * which items repeat (the studio's loaded schema trees); unknown items are taken to repeat.
 */
export function inlineMap(spec: MappingSpec, mapId: string, nodeId: string, rows?: SchemaRowLookup): InlinedMap {
  const caller = requireMap(spec, mapId);
  const call = caller.nodes.find((n) => n.id === nodeId);
  if (!call || call.kind !== 'call') refuse(`Map ${mapId} has no map call "${nodeId}".`, { map: mapId, node: nodeId });
  const where = { map: mapId, node: call.id };
  const callee = requireMap(spec, call.map);
  const input = hl7InputOf(callee.sources[0].schema);
  if (!input || input.level === 'message') refuse(`Node "${call.id}" applies ${callee.id}, which is a message map; only segment and data type maps can be inlined.`, where);
  const outType = fhirTypeOf(callee.targets[0].schema) ?? callee.targets[0].schema.standard;
  const calleeSource = callee.sources[0].id;
  const calleeTarget = callee.targets[0].id;
  const callerSource = caller.sources[0];

  const into = caller.links.find((l) => 'node' in l.to && l.to.node === call.id && l.to.port === 'in');
  if (!into) refuse(`Node "${call.id}" applies ${callee.id} to nothing, so there is nothing to inline; link its input first.`, where);
  const { path: given, filters } = followFilters(caller, into, CODE, `The link into "${call.id}"`);
  const outs = caller.links.filter((l) => 'node' in l.from && l.from.node === call.id);
  if (outs.length === 0) refuse(`The output of "${call.id}" goes nowhere, so inlining it would write nothing; link its output first.`, where);
  const primitive = /^[a-z]/.test(outType);
  for (const out of outs) {
    if ('node' in out.to && !primitive) {
      refuse(`The output of "${call.id}" (${/^[AEIOU]/.test(outType) ? 'an' : 'a'} ${outType}) goes into node "${out.to.node}"; only a map's output written to a target element can be inlined.`, { ...where, link: out.id });
    }
  }

  // How the called map's paths read the given item, and whether the call iterated it.
  let rewrite: PathRewrite;
  let structurallyIterates: boolean;
  let bound: (source: string) => boolean;
  if (input.level === 'segment') {
    const segment = parseSegmentOnly(given);
    if (!segment || segment.segment !== input.name) refuse(`Map ${callee.id} reads one ${input.name} segment, but node "${call.id}" gives it ${given}.`, where);
    rewrite = segmentRewrite(input.name, { occurrence: segment.occurrence });
    structurallyIterates = segment.occurrence === undefined;
    bound = (source) => (parseSegmentOnly(source)?.segment ?? safeParse(source)?.segment) === segment.segment;
  } else {
    const hl7 = safeParse(given);
    const composite = hl7 ? undefined : parseDatatypePath(given);
    if (hl7) {
      rewrite = datatypeRewrite(input.name, hl7, callee.id);
      structurallyIterates = hl7.repetition === undefined && hl7.component === undefined;
      bound = (source) => {
        const s = safeParse(source);
        return s !== undefined && s.segment === hl7.segment && s.field === hl7.field;
      };
    } else if (composite) {
      rewrite = datatypeInDatatypeRewrite(input.name, composite, callee.id);
      structurallyIterates = false;
      bound = () => true;
    } else {
      refuse(`Map ${callee.id} reads one ${input.name} value, but node "${call.id}" gives it ${given}, which is not a field or component.`, where);
    }
  }
  const rewritePath = (path: string): string => rewrite(path, { map: callee.id });
  const unbound = outs.filter((out) => !('target' in out.to && boundByContext(caller, out.to.target, out.to.path, bound)));
  const repeats = rows?.(callerSource.schema, given.replace(/\[\d+\]/g, ''))?.repeating;
  const iterates = structurallyIterates && unbound.length > 0 && (filters.length > 0 || repeats !== false);

  let map: MapDefinition = {
    ...caller,
    nodes: caller.nodes.filter((n) => n.id !== call.id),
    links: caller.links.filter((l) => l !== into && !outs.includes(l)),
  };
  const used = idsInMap(map);
  const take = (id: string): string => {
    const fresh = keepOrFreshId(used, id);
    used.add(fresh);
    return fresh;
  };
  const rename = new Map<string, string>();
  const added: MappingNode[] = [];
  for (const node of callee.nodes) {
    const id = take(node.id);
    rename.set(node.id, id);
    added.push({ ...rewriteNodePaths(node, rewritePath), id } as MappingNode);
  }
  const whenNode = (): MappingNode => {
    const node: MappingNode = { id: take(`${call.id}-when`), kind: 'condition', expression: rewriteExpression(callee.when as string, rewritePath) };
    added.push(node);
    return node;
  };

  const links: Link[] = [];
  const fromOf = (from: Link['from']): Link['from'] => ('source' in from && from.source === calleeSource
    ? { source: callerSource.id, path: rewritePath(from.path) }
    : 'node' in from ? { node: rename.get(from.node) ?? from.node, port: from.port } : from);

  if (iterates) {
    for (const out of outs) {
      if (!('target' in out.to)) refuse(`Node "${call.id}" gives one ${outType} per item of ${given} to node "${out.to.node}"; that needs a map, so it cannot be inlined.`, { ...where, link: out.id });
      const targetId = out.to.target;
      const target = caller.targets.find((t) => t.id === targetId);
      const element = target ? rows?.(target.schema, out.to.path) : undefined;
      if (out.to.path.indexOf('.') === -1 || element?.repeating === false) {
        refuse(`${given} can repeat and "${call.id}" makes one ${outType} per item, which ${out.to.path} cannot hold without the map; put the call inside a context over ${given} first.`, { ...where, link: out.id });
      }
    }
    // The call's own iteration becomes a context over the item (through its filters and `when`).
    let start: Link['from'] = filters.length > 0 ? { node: filters[filters.length - 1], port: 'out' } : { source: callerSource.id, path: given };
    if (callee.when !== undefined) {
      const gate = whenNode();
      links.push({ id: take(`l-${gate.id}`), from: start, to: { node: gate.id, port: 'in' } });
      start = { node: gate.id, port: 'out' };
    }
    for (const out of outs) {
      if (!('target' in out.to)) continue;
      links.push({ id: take(`l-each-${call.id}`), kind: 'context', from: start, to: { target: out.to.target, path: out.to.path }, ...(out.order !== undefined ? { order: out.order } : {}) });
    }
  } else if (filters.length > 0) {
    refuse(`Node "${call.id}" filters the item it gives ${callee.id}, but that item does not repeat here.`, where);
  }

  for (const link of callee.links) {
    const from = fromOf(link.from);
    if ('node' in link.to) {
      links.push({ ...link, id: take(link.id), from, to: { node: rename.get(link.to.node) ?? link.to.node, port: link.to.port } });
      continue;
    }
    if (link.to.target !== calleeTarget) continue;
    for (const out of outs) {
      let value: Link['from'] = from;
      // Without a context to filter by, `when` gates each value the map wrote.
      if (!iterates && callee.when !== undefined) {
        const gate = whenNode();
        links.push({ id: take(`l-${gate.id}`), from, to: { node: gate.id, port: 'in' } });
        value = { node: gate.id, port: 'out' };
      }
      const order = link.order ?? out.order;
      if ('node' in out.to) {
        if (link.to.path !== outType) refuse(`Map ${callee.id} writes ${link.to.path}, which has no place in node "${out.to.node}".`, { ...where, link: link.id });
        links.push({ id: take(link.id), from: value, to: out.to, ...(order !== undefined ? { order } : {}) });
        continue;
      }
      const to = { target: out.to.target, path: placeTargetPath(out.to.path, link.to.path, outType) };
      links.push({ id: take(link.id), from: value, to, ...(link.kind === 'context' ? { kind: 'context' as const } : {}), ...(order !== undefined ? { order } : {}) });
    }
  }
  for (const out of outs) {
    if (!('node' in out.to)) continue;
    const port = out.to;
    if (links.filter((l) => 'node' in l.to && l.to.node === port.node && l.to.port === port.port).length > 1) {
      refuse(`Map ${callee.id} writes its ${outType} from several links, which cannot all go into the input "${port.port}" of "${port.node}".`, { ...where, link: out.id });
    }
  }
  map = { ...map, nodes: [...map.nodes, ...added], links: [...map.links, ...links] };

  let next = updateMap(spec, mapId, () => map);
  next = placeInlined(next, spec, mapId, call.id, callee.id, added.map((n) => n.id), rename);
  return { spec: dropFromLayout(next, mapId, new Set([call.id])), nodeIds: added.map((n) => n.id) };
}

function safeParse(path: string): Hl7Path | undefined {
  try {
    return parsePath(path);
  } catch {
    return undefined;
  }
}

/** The inlined nodes keep their arrangement from the called map's layout, centred where the call was. */
function placeInlined(spec: MappingSpec, before: MappingSpec, mapId: string, callId: string, calleeId: string, ids: string[], rename: Map<string, string>): MappingSpec {
  const at = positionOf(before, mapId, callId) ?? { x: 480, y: 80 };
  const original = new Map([...rename].map(([from, to]) => [to, from]));
  const known = ids.map((id) => ({ id, at: positionOf(before, calleeId, original.get(id) ?? id) }));
  const placed = known.filter((k) => k.at !== undefined) as Array<{ id: string; at: { x: number; y: number } }>;
  const minX = Math.min(...placed.map((p) => p.at.x));
  const minY = Math.min(...placed.map((p) => p.at.y));
  let spare = 0;
  return setNodePositions(spec, mapId, known.map((k) => (k.at
    ? { id: k.id, x: Math.round(at.x + k.at.x - minX), y: Math.round(at.y + k.at.y - minY) }
    : { id: k.id, x: at.x + 40 * (spare % 3), y: at.y + 120 * Math.floor(spare++ / 3) })));
}

