import type { PortInfo } from '../../../shared/common/mapping/nodes/nodeKinds';
import type { Link, MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { freshId, idsInMap } from '../../../shared/common/mapping/edit/mapEdits';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

export interface ConnectionContext {
  /** The schema tree row at a path of a source or target node, when loaded. */
  field(nodeId: string, path: string): SchemaTreeNode | undefined;
  /** Ports of a spec node (function, value map ...). */
  ports(nodeId: string): { inputs: PortInfo[]; outputs: PortInfo[] } | undefined;
  /** For a map call node: the map it calls, what that map reads (a segment or a data type) and writes. */
  callee(nodeId: string): { map: string; level: 'segment' | 'datatype' | 'message'; input: string; output: string } | undefined;
}

export type ConnectionVerdict = { ok: true; link: Link } | { ok: false; reason: string };

const FHIR_PRIMITIVES = new Set(['string', 'code', 'id', 'uri', 'url', 'canonical', 'oid', 'uuid', 'markdown', 'base64Binary',
  'boolean', 'integer', 'positiveInt', 'unsignedInt', 'decimal', 'integer64', 'date', 'dateTime', 'instant', 'time', 'xhtml']);
const SIMPLE_PORT_TYPES = new Set(['string', 'number', 'boolean', 'date', 'dateTime', 'instant', 'time', 'code']);

function isFhirComplex(node: SchemaTreeNode): boolean {
  if (node.kind === 'resource' || node.kind === 'backbone' || node.path.indexOf('.') === -1) return true;
  return node.dataType !== undefined && !FHIR_PRIMITIVES.has(node.dataType) && /^[A-Z]/.test(node.dataType);
}

function isV2Leaf(node: SchemaTreeNode): boolean {
  return !(node.children && node.children.length > 0) && node.hasChildren !== true;
}

function isV2Structure(node: SchemaTreeNode): boolean {
  return node.kind === 'group' || node.kind === 'segment';
}

function reaches(spec: MapDefinition, from: string, to: string): boolean {
  // Does node `from` already feed node `to`? Then to → from would close a cycle.
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const link of spec.links) if ('node' in link.from && link.from.node === id && 'node' in link.to) stack.push(link.to.node);
  }
  return false;
}

/**
 * Decides whether a drag from one handle to another may become a link, and says why not in one
 * sentence the analyst can act on. A repeating source structure dropped on a repeating target
 * item (OBX → Observation, PID-3 → Patient.identifier) becomes a context link.
 */
/** `a CX`, `an XPN`, `an Identifier`: the article as the word is read aloud (letters of an acronym by name). */
function withArticle(word: string): string {
  const acronym = /^[A-Z0-9]{2,4}$/.test(word);
  return `${(acronym ? /^[AEFHILMNORSX]/ : /^[AEIOUaeiou]/).test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * Older data types a map of their successor reads as well (the engine reads any composite): CE and
 * CNE are CWE's first components, and v2.6 replaced CE by CWE (the library's CE[CodeableConcept]
 * applies CWE[CodeableConcept] to it); a TS's first component is the DTM v2.6 replaced it by, and
 * a DTM map given a TS reads that first component (the examples apply DTM[dateTime] to OBX-14).
 */
const READ_AS: Readonly<Record<string, string>> = { CE: 'CWE', CNE: 'CWE', TS: 'DTM' };

/**
 * What a map call accepts into `in`: a segment map one segment of its kind, a data type map a
 * field or component of its type (the compiler's MAP_CALL_INPUT, said before the link exists).
 */
function callInputProblem(callee: NonNullable<ReturnType<ConnectionContext['callee']>>, from: SchemaTreeNode): string | undefined {
  if (callee.level === 'message') return `${callee.map} is a message map; only segment and data type maps can be applied to an item.`;
  if (callee.level === 'segment') {
    if (from.kind === 'segment' && from.name === callee.input) return undefined;
    const what = from.kind === 'segment' ? `a ${from.name} segment` : `${from.path}, a ${from.kind}${from.dataType ? ` (${from.dataType})` : ''}`;
    return `${callee.map} reads one ${callee.input} segment; this is ${what}. Link the ${callee.input} segment row.`;
  }
  if (from.kind === 'segment' || from.kind === 'group' || from.kind === 'message') {
    return `${callee.map} reads one ${callee.input} value; ${from.path} is a whole ${from.kind}: link a ${callee.input} field or component.`;
  }
  if (from.dataType !== callee.input && !(from.dataType !== undefined && READ_AS[from.dataType] === callee.input)) {
    return `${callee.map} reads ${withArticle(callee.input)}; ${from.path} is ${from.dataType ? withArticle(from.dataType) : 'not a composite'}.`;
  }
  return undefined;
}

export function checkConnection(spec: MapDefinition, request: ConnectionRequest, context: ConnectionContext): ConnectionVerdict {
  const sourceIds = new Set(spec.sources.map((s) => s.id));
  const targetIds = new Set(spec.targets.map((t) => t.id));
  const nodeIds = new Set(spec.nodes.map((n) => n.id));
  const { source, target } = request;
  const sourceHandle = request.sourceHandle ?? '';
  const targetHandle = request.targetHandle ?? '';
  if (sourceHandle.startsWith('__') || targetHandle.startsWith('__')) {
    return { ok: false, reason: 'Scroll the field into view and connect its own row.' };
  }
  if (targetIds.has(source) || sourceIds.has(target)) {
    return { ok: false, reason: 'Links run from the source (left) towards the target (right).' };
  }

  let kind: Link['kind'] = 'value';
  let fromType: string | undefined;
  let fromField: SchemaTreeNode | undefined;
  let from: Link['from'];
  if (sourceIds.has(source)) {
    fromField = context.field(source, sourceHandle);
    from = { source, path: sourceHandle };
    fromType = fromField?.dataType;
  } else if (nodeIds.has(source)) {
    const port = context.ports(source)?.outputs.find((p) => p.name === sourceHandle);
    if (!port) return { ok: false, reason: `Node "${source}" has no output "${sourceHandle}".` };
    from = { node: source, port: sourceHandle };
    fromType = port.type;
  } else {
    return { ok: false, reason: `"${source}" is not part of this mapping.` };
  }

  let to: Link['to'];
  if (targetIds.has(target)) {
    const toField = context.field(target, targetHandle);
    to = { target, path: targetHandle };
    if (fromField && toField) {
      if (isV2Structure(fromField)) {
        if (!isFhirComplex(toField) || !(toField.repeating || toField.path.indexOf('.') === -1)) {
          return { ok: false, reason: `${fromField.path} is a ${fromField.kind}; it can only open a context on a repeating target item such as a resource, not ${toField.path} (${toField.dataType ?? toField.kind}).` };
        }
        if (!fromField.repeating && toField.path.indexOf('.') !== -1) {
          return { ok: false, reason: `${fromField.path} does not repeat, so it cannot give one ${toField.path} per item.` };
        }
        kind = 'context';
      } else if (isFhirComplex(toField)) {
        if (fromField.repeating && (toField.repeating || toField.path.indexOf('.') === -1)) kind = 'context';
        else if (isV2Leaf(fromField)) {
          return { ok: false, reason: `${fromField.path} is a single ${fromField.dataType ?? 'value'}; ${toField.path} is a ${toField.dataType ?? 'structure'}: link it to one of its elements, or through a function that builds a ${toField.dataType ?? 'structure'}.` };
        }
      }
    } else if (toField && isFhirComplex(toField) && fromType !== undefined && SIMPLE_PORT_TYPES.has(fromType) && toField.dataType !== undefined) {
      return { ok: false, reason: `This output is a ${fromType}; ${toField.path} is a ${toField.dataType}: link it to one of its elements.` };
    } else if (toField && 'node' in from && context.callee(from.node) && fromType !== undefined && /^[A-Z]/.test(fromType) && toField.dataType !== undefined && toField.dataType !== fromType) {
      return { ok: false, reason: `${context.callee(from.node)?.map} writes ${withArticle(fromType)}; ${toField.path} is ${withArticle(toField.dataType)}.` };
    }
    const existing = spec.links.find((l) => 'target' in l.to && l.to.target === target && l.to.path === targetHandle
      && ('source' in l.from && 'source' in from ? l.from.source === from.source && l.from.path === from.path : 'node' in l.from && 'node' in from && l.from.node === from.node && l.from.port === from.port));
    if (existing) return { ok: false, reason: `That link already exists (${existing.id}).` };
  } else if (nodeIds.has(target)) {
    const port = context.ports(target)?.inputs.find((p) => p.name === targetHandle);
    if (!port) return { ok: false, reason: `Node "${target}" has no input "${targetHandle}".` };
    const taken = spec.links.find((l) => 'node' in l.to && l.to.node === target && l.to.port === targetHandle);
    if (taken) return { ok: false, reason: `Input "${targetHandle}" of "${target}" is already linked (${taken.id}); delete that link first.` };
    if (nodeIds.has(source) && (source === target || reaches(spec, target, source))) {
      return { ok: false, reason: 'That link would make a cycle between nodes.' };
    }
    const callee = context.callee(target);
    if (callee && targetHandle === 'in') {
      // A condition filtering the item may stand between (each OBX whose OBX-2 is NM).
      const problem = fromField ? callInputProblem(callee, fromField) : undefined;
      if (problem) return { ok: false, reason: problem };
    } else if (fromField && isV2Structure(fromField)) {
      return { ok: false, reason: `${fromField.path} is a whole ${fromField.kind}; link one of its fields into "${targetHandle}".` };
    } else if (fromType !== undefined && !assignable(fromType, port.type, fromField !== undefined)) {
      return { ok: false, reason: `Input "${targetHandle}" takes a ${port.type}, but this gives a ${fromType}.` };
    }
    to = { node: target, port: targetHandle };
  } else {
    return { ok: false, reason: `"${target}" is not part of this mapping.` };
  }
  const stem = 'source' in from ? `l-${from.path.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : `l-${from.node}`;
  const id = freshId(idsInMap(spec), stem);
  const link: Link = kind === 'context' ? { id, kind, from, to } : { id, from, to };
  return { ok: true, link };
}

/** Port type compatibility; HL7 v2 field values are text and feed any text-like or typed-conversion input. */
export function assignable(from: string, to: string, fromIsV2Field: boolean): boolean {
  if (to === 'any' || from === 'any' || from === to) return true;
  if (fromIsV2Field) return true;
  const textual = new Set(['string', 'code', 'date', 'dateTime', 'instant', 'time', 'number', 'boolean']);
  if (to === 'string' && textual.has(from)) return true;
  if (to === 'code' && (from === 'string' || from === 'code')) return true;
  if (to === 'CodeableConcept' && from === 'Coding') return true;
  if (to === 'object') return !textual.has(from);
  return false;
}
