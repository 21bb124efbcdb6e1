import { CrosswalkError } from '../../errors/CrosswalkError';
import { parsePath, type Hl7Path } from '../../hl7v2';
import { looksLikeGroupPath } from '../../hl7v2/groups';
import { parseDatatypePath } from '../compile/inputBinding';
import { parseSegmentOnly } from '../compile/sourceRead';
import { fhirTypeOf, hl7InputOf, type Link, type MapDefinition, type MappingNode, type MappingSpec, type SchemaRef } from '../spec/MappingSpec';
import { expressionPaths, followFilters, rewriteNodePaths, targetPathWithin, type SchemaRowLookup } from './editPaths';
import { dropFromLayout, freshId, freshMapId, idsInMap, positionOf, requireMap, setNodePosition, updateMap } from './mapEdits';

const CODE = 'EDIT_CANNOT_EXTRACT';

export interface ExtractSelection {
  /** The nodes to move into the new map (with every link between them). */
  nodes: readonly string[];
  /** Links from the source straight to the target to move too (others are taken with their nodes). */
  links?: readonly string[];
}

export interface ExtractedMap {
  spec: MappingSpec;
  /** The new map's id (`CX[Identifier]`). */
  mapId: string;
  /** The call node that replaced the selection. */
  nodeId: string;
}

function refuse(message: string, where: { map: string; node?: string; link?: string }): never {
  throw new CrosswalkError(CODE, message, where);
}

function safeParse(path: string): Hl7Path | undefined {
  try {
    return parsePath(path);
  } catch {
    return undefined;
  }
}

/** The longest common ancestor of dotted FHIR paths (`Patient.identifier` for `.value` and `.system`). */
function commonTargetPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('.'));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const step = split[0][i];
    if (step === undefined || split.some((s) => s[i] !== step)) break;
    out.push(step);
  }
  return out.join('.');
}

const parentPath = (path: string): string => path.slice(0, path.lastIndexOf('.'));
const isPrimitive = (type: string): boolean => /^[a-z]/.test(type);

/**
 * The element the new map writes: the common ancestor of what the selection writes, raised to the
 * nearest element with a FHIR data type (a backbone is not one), and from a primitive to the
 * complex data type holding it (`Patient.identifier.value` alone → `Patient.identifier`) unless
 * that is the resource itself (`Patient.gender` stays a `code`).
 */
function outputElement(written: readonly string[], target: { schema: SchemaRef }, rows: SchemaRowLookup | undefined): { path: string; type: string; resource: boolean } {
  const rootType = fhirTypeOf(target.schema) ?? 'Output';
  const resourceRoot = target.schema.standard === 'fhir-r4' && target.schema.resource !== undefined;
  let path = commonTargetPath(written);
  const typeAt = (p: string): string | undefined => {
    if (p.indexOf('.') === -1) return rootType;
    const row = rows?.(target.schema, p);
    return row?.dataType !== undefined && row.dataType !== 'BackboneElement' && row.dataType !== 'Element' && row.kind !== 'backbone' && row.kind !== 'choice' ? row.dataType : undefined;
  };
  let type = typeAt(path);
  while (type === undefined) {
    path = parentPath(path);
    type = typeAt(path);
  }
  if (isPrimitive(type) && path.indexOf('.') !== -1) {
    const parent = parentPath(path);
    const parentType = typeAt(parent);
    if (parent.indexOf('.') !== -1 && parentType !== undefined && !isPrimitive(parentType)) {
      path = parent;
      type = parentType;
    }
  }
  return { path, type, resource: path.indexOf('.') === -1 && resourceRoot };
}

/** What the new map reads, found from every source path the selection reads. */
interface InputChoice {
  kind: 'segment' | 'datatype';
  /** The HL7 name: a segment (`PID`) or a data type (`CX`). */
  name: string;
  /** The item given to the call, in the caller's terms (`PID`, `PID-3`, `CX.4`). */
  given: string;
  /** A caller path in the new map's terms (`PID-3.4.2` → `CX.4.2`; other paths unchanged). */
  inverse(path: string): string;
  /** Whether a source path names the same segment (segment maps) or field (data type maps). */
  sameItem(path: string): boolean;
}

function chooseInput(caller: MapDefinition, paths: readonly string[], rows: SchemaRowLookup | undefined): InputChoice {
  const source = caller.sources[0];
  const input = hl7InputOf(source.schema);
  if (!input) refuse(`Map ${caller.id} reads ${source.schema.standard}; maps can only be extracted from HL7 v2 maps.`, { map: caller.id });
  const where = { map: caller.id };
  if (paths.length === 0) refuse('The selection reads nothing from the source, so there is no input for a map.', where);

  if (input.level === 'datatype') {
    // In a data type map (CX), a new map reads one component: CX.4 → HD.
    const parts = paths.map((p) => parseDatatypePath(p)).filter((p) => p !== undefined && p.type === input.name);
    const components = new Set(parts.map((p) => p?.component));
    const component = parts[0]?.component;
    if (parts.length === 0 || components.size !== 1 || component === undefined) {
      refuse(`The selection reads ${[...new Set(paths)].join(', ')}; in the data type map ${caller.id} a new map reads one component of ${input.name}.`, where);
    }
    const given = `${input.name}.${component}`;
    const type = rows?.(source.schema, given)?.dataType;
    if (type === undefined) refuse(`The data type of ${given} is not known yet (its schema is still loading), so the new map has no input type.`, where);
    return {
      kind: 'datatype', name: type, given,
      sameItem: () => true,
      inverse(path) {
        const p = parseDatatypePath(path);
        if (!p || p.type !== input.name || p.component !== component) return path;
        return p.subcomponent === undefined ? type : `${type}.${p.subcomponent}`;
      },
    };
  }

  // A message or segment map: the one segment the selection reads (a segment map's own, when it reads others too).
  const segmentOf = (path: string): string | undefined => parseSegmentOnly(path)?.segment ?? safeParse(path)?.segment;
  for (const path of paths) {
    if (looksLikeGroupPath(path)) refuse(`The selection reads the group ${path}; a new map reads one segment or field.`, where);
  }
  const segments = [...new Set(paths.map(segmentOf).filter((s): s is string => s !== undefined))];
  const segment = input.level === 'segment' && segments.includes(input.name) ? input.name : segments.length === 1 ? segments[0] : undefined;
  if (segment === undefined) {
    refuse(`The selection reads ${segments.join(' and ')}; a map reads one segment, so select the nodes that read one of them.`, where);
  }
  const own = paths.filter((p) => segmentOf(p) === segment);
  const parsed = own.map((p) => safeParse(p));
  const occurrences = new Set(own.map((p) => parseSegmentOnly(p)?.occurrence ?? safeParse(p)?.occurrence));
  if (occurrences.size > 1) refuse(`The selection reads different ${segment} segments (${own.join(', ')}); a map reads one.`, where);
  const occurrence = [...occurrences][0];

  // All reads inside one field repetition: a data type map of that field's type.
  const fields = new Set(parsed.map((p) => (p ? `${p.field}|${p.repetition ?? ''}` : 'segment')));
  const first = parsed[0];
  if (fields.size === 1 && first) {
    const fieldPath = `${segment}-${first.field}`;
    const type = rows?.(source.schema, fieldPath)?.dataType;
    if (type !== undefined) {
      const given = `${segment}${occurrence !== undefined ? `[${occurrence}]` : ''}-${first.field}${first.repetition !== undefined ? `[${first.repetition}]` : ''}`;
      return {
        kind: 'datatype', name: type, given,
        sameItem: (path) => {
          const p = safeParse(path);
          return p !== undefined && p.segment === segment && p.field === first.field;
        },
        inverse(path) {
          const p = safeParse(path);
          if (!p || p.segment !== segment || p.field !== first.field || p.occurrence !== occurrence || p.repetition !== first.repetition) return path;
          if (p.component === undefined) return type;
          return `${type}.${p.component}${p.subcomponent !== undefined ? `.${p.subcomponent}` : ''}`;
        },
      };
    }
  }
  const given = `${segment}${occurrence !== undefined ? `[${occurrence}]` : ''}`;
  return {
    kind: 'segment', name: segment, given,
    sameItem: (path) => segmentOf(path) === segment,
    inverse(path) {
      if (occurrence === undefined) return path;
      const only = parseSegmentOnly(path);
      if (only) return only.segment === segment ? segment : path;
      const p = safeParse(path);
      return p && p.segment === segment ? path.replace(`${segment}[${occurrence}]`, segment) : path;
    },
  };
}

/**
 * Moves a selection of nodes (with the links among them) into a new segment or data type map and
 * puts one call node in their place: the new map reads the one item the selection reads (a
 * segment, or a field whose data type it maps) and writes the element the selection writes. What
 * the mapping produces does not change: the call reads the same item (its first repetition when
 * the selection read the first one and nothing iterates it) and its output lands where the
 * selection wrote. `rows` tells data types and which items repeat (the studio's schema trees).
 */
export function extractMap(spec: MappingSpec, mapId: string, selection: ExtractSelection, rows?: SchemaRowLookup): ExtractedMap {
  const caller = requireMap(spec, mapId);
  const where = { map: mapId };
  const picked = new Set(selection.nodes);
  const nodes = caller.nodes.filter((n) => picked.has(n.id));
  if (nodes.length === 0) refuse('Select the nodes to extract into a map first.', where);
  const directIds = new Set(selection.links ?? []);

  const internal: Link[] = [];
  const inbound: Link[] = [];
  const outbound: Link[] = [];
  const direct: Link[] = [];
  for (const link of caller.links) {
    const fromPicked = 'node' in link.from && picked.has(link.from.node);
    const toPicked = 'node' in link.to && picked.has(link.to.node);
    if (fromPicked && toPicked) internal.push(link);
    else if (toPicked) {
      if ('node' in link.from) refuse(`Node "${link.from.node}" feeds the selection from outside it; select it too, or leave it out of the map.`, { ...where, node: link.from.node, link: link.id });
      inbound.push(link);
    } else if (fromPicked) {
      if ('node' in link.to) refuse(`The selection feeds node "${link.to.node}" outside it; a map writes only its output, so select that node too.`, { ...where, node: link.to.node, link: link.id });
      if (link.kind === 'context') refuse(`The selection filters the context link "${link.id}"; extract what the context contains instead.`, { ...where, link: link.id });
      outbound.push(link);
    } else if (directIds.has(link.id) && 'source' in link.from && 'target' in link.to && link.kind !== 'context') direct.push(link);
  }
  const writes = [...outbound, ...direct];
  if (writes.length === 0) refuse('The selection writes nothing to a target, so a map made of it would have no output.', where);
  const targetIds = new Set(writes.map((l) => (l.to as { target: string }).target));
  if (targetIds.size > 1) refuse(`The selection writes to ${[...targetIds].join(' and ')}; a map has one output, so select what writes one of them.`, where);
  const targetId = [...targetIds][0];
  const target = caller.targets.find((t) => t.id === targetId);
  if (!target) refuse(`The selection writes to "${targetId}", which map ${mapId} does not have.`, where);
  const written = writes.map((l) => (l.to as { path: string }).path);
  const element = outputElement(written, target, rows);
  for (const link of caller.links) {
    if (link.kind !== 'context' || !('target' in link.to) || link.to.target !== targetId) continue;
    const ctx = link.to.path;
    if (ctx !== element.path && targetPathWithin(ctx, element.path) && written.some((w) => targetPathWithin(w, ctx))) {
      refuse(`The selection writes inside the context "${link.id}" (${ctx}), below the ${element.type} it would make; extract what is inside that context, or the context's nodes too.`, { ...where, link: link.id });
    }
  }

  const read = [
    ...inbound.map((l) => (l.from as { path: string }).path),
    ...direct.map((l) => (l.from as { path: string }).path),
    ...nodes.flatMap((n) => (n.kind === 'condition' ? expressionPaths(n.expression) : [])),
  ];
  const choice = chooseInput(caller, read, rows);

  // What the selection read as "the first one" (PID-3.1 outside any context reads the first
  // repetition) the call must be given as the first one, or it would make one output per item.
  let given = choice.given;
  const enclosing = caller.links.filter((l) => l.kind === 'context' && 'target' in l.to && l.to.target === targetId && targetPathWithin(element.path, l.to.path));
  const bound = enclosing.some((l) => {
    try {
      return choice.sameItem(followFilters(caller, l, CODE, 'A context link').path);
    } catch {
      return false;
    }
  });
  const callerInput = hl7InputOf(caller.sources[0].schema);
  if (!bound && callerInput?.level === 'message') {
    const p = safeParse(given);
    const segment = p?.segment ?? parseSegmentOnly(given)?.segment ?? given;
    const segmentRepeats = rows?.(caller.sources[0].schema, segment)?.repeating !== false;
    if (choice.kind === 'segment') {
      if (segmentRepeats && !given.includes('[')) given = `${segment}[1]`;
    } else if (p) {
      const fieldRepeats = rows?.(caller.sources[0].schema, `${p.segment}-${p.field}`)?.repeating !== false;
      given = `${p.segment}${p.occurrence !== undefined ? `[${p.occurrence}]` : segmentRepeats ? '[1]' : ''}-${p.field}${p.repetition !== undefined ? `[${p.repetition}]` : fieldRepeats ? '[1]' : ''}`;
    }
  } else if (!bound && choice.kind === 'datatype' && callerInput?.level === 'segment') {
    const p = safeParse(given);
    if (p && p.repetition === undefined && rows?.(caller.sources[0].schema, `${p.segment}-${p.field}`)?.repeating !== false) given = `${given}[1]`;
  }

  // The new map.
  const newId = freshMapId(spec, choice.name, element.type);
  const ids = new Set<string>([...nodes.map((n) => n.id), ...internal, ...inbound, ...outbound, ...direct].map((x) => (typeof x === 'string' ? x : x.id)));
  const sourceId = ids.has('in') ? freshId(ids, 'in') : 'in';
  ids.add(sourceId);
  const outId = ids.has('out') ? freshId(ids, 'out') : 'out';
  const fromSource = (link: Link): Link['from'] => ('source' in link.from ? { source: sourceId, path: choice.inverse(link.from.path) } : link.from);
  const toOutput = (link: Link): Link['to'] => ('target' in link.to
    ? { target: outId, path: element.path === link.to.path ? element.type : `${element.type}${link.to.path.slice(element.path.length)}` }
    : link.to);
  const version = callerInput?.version ?? '2.5.1';
  const extracted: MapDefinition = {
    id: newId,
    kind: choice.kind,
    sources: [{ id: sourceId, schema: choice.kind === 'segment' ? { standard: 'hl7v2', version, segment: choice.name } : { standard: 'hl7v2', version, datatype: choice.name } }],
    targets: [{ id: outId, schema: element.resource ? { standard: 'fhir-r4', resource: element.type } : { standard: 'fhir-r4', type: element.type } }],
    nodes: nodes.map((n) => rewriteNodePaths(n, choice.inverse) as MappingNode),
    links: [...internal, ...inbound, ...outbound, ...direct].map((l) => ({ ...l, from: fromSource(l), to: toOutput(l) })),
  };

  // The caller: the selection out, one call in.
  const moved = new Set<Link>([...internal, ...inbound, ...outbound, ...direct]);
  const remaining: MapDefinition = { ...caller, nodes: caller.nodes.filter((n) => !picked.has(n.id)), links: caller.links.filter((l) => !moved.has(l)) };
  const used = idsInMap(remaining);
  const callId = freshId(used, newId.toLowerCase().replace(/\[|\]/g, '-'));
  used.add(callId);
  const inId = freshId(used, `l-${callId}-in`);
  used.add(inId);
  const outLinkId = freshId(used, `l-${callId}-out`);
  const orders = writes.map((l) => l.order).filter((o): o is number => o !== undefined);
  const callerMap: MapDefinition = {
    ...remaining,
    nodes: [...remaining.nodes, { id: callId, kind: 'call', map: newId }],
    links: [
      ...remaining.links,
      { id: inId, from: { source: caller.sources[0].id, path: given }, to: { node: callId, port: 'in' } },
      { id: outLinkId, from: { node: callId, port: 'out' }, to: { target: targetId, path: element.path }, ...(orders.length > 0 ? { order: Math.min(...orders) } : {}) },
    ],
  };
  let next: MappingSpec = { ...updateMap(spec, mapId, () => callerMap) };
  const at = nodes.map((n) => positionOf(spec, mapId, n.id)).filter((p): p is { x: number; y: number } => p !== undefined);
  next = { ...next, maps: [...next.maps, extracted] };
  next = dropFromLayout(next, mapId, picked);
  if (at.length > 0) {
    next = setNodePosition(next, mapId, callId, Math.round(at.reduce((s, p) => s + p.x, 0) / at.length), Math.round(at.reduce((s, p) => s + p.y, 0) / at.length));
  }
  return { spec: next, mapId: newId, nodeId: callId };
}
