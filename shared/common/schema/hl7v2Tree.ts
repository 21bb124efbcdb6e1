import { CrosswalkError } from '../errors/CrosswalkError';
import { own, type Hl7v2CompactField, type Hl7v2CompactItem, type Hl7v2VersionIndex } from './compact';
import type { Hl7v2Usage, SchemaNode } from './SchemaNode';

const USAGE: Record<number, Hl7v2Usage> = { 1: 'O', 2: 'R', 3: 'C', 4: 'W' };

function maxOf(repetitions: number): number | '*' {
  // hl7-dictionary writes "unbounded" as 0, for segment repetitions and field repetitions alike.
  return repetitions === 0 ? '*' : repetitions;
}

function listing(names: string[]): string {
  const sorted = [...names].sort();
  return sorted.length > 12 ? `${sorted.slice(0, 12).join(', ')} and ${sorted.length - 12} more` : sorted.join(', ');
}

/** A field, component or subcomponent row from its dictionary entry. */
function partNode(
  index: Hl7v2VersionIndex,
  kind: 'field' | 'component' | 'subcomponent',
  id: string,
  path: string,
  field: Hl7v2CompactField,
): SchemaNode {
  const [label, dataType, opt, repetitions, length, table] = field;
  const max = kind === 'field' ? maxOf(repetitions) : 1;
  const node: SchemaNode = {
    id, path, name: path, label, kind, dataType,
    min: opt === 2 ? 1 : 0, max, repeating: max !== 1, usage: USAGE[opt] ?? 'O', hasChildren: false,
  };
  if (length !== null) node.length = length;
  if (table !== null) node.table = String(table).padStart(4, '0');
  // A composite inside a component is written with the subcomponent separator; one level deeper
  // has no separator left in ER7, so a subcomponent is always a leaf.
  if (kind !== 'subcomponent') {
    const components = own(index.datatypes, dataType)?.c ?? [];
    if (components.length > 0) {
      const childKind = kind === 'field' ? 'component' : 'subcomponent';
      node.children = components.map((c, i) => partNode(index, childKind, `${id}.${i + 1}`, `${path}.${i + 1}`, c));
      node.hasChildren = true;
    }
  }
  if (!node.hasChildren) node.children = [];
  return node;
}

function segmentNode(index: Hl7v2VersionIndex, id: string, name: string, min: number, max: number | '*'): SchemaNode {
  const segment = own(index.segments, name);
  const node: SchemaNode = {
    id, path: name, name, label: segment?.d ?? name, kind: 'segment',
    min, max, repeating: max !== 1, hasChildren: false, children: [],
  };
  if (!segment) {
    node.description = `hl7-dictionary ${index.version} has no definition of segment ${name}.`;
    return node;
  }
  node.children = segment.f.map((field, i) => partNode(index, 'field', `${id}-${i + 1}`, `${name}-${i + 1}`, field));
  node.hasChildren = node.children.length > 0;
  return node;
}

/** A group's path is its full dotted path in the structure (`PATIENT_RESULT.ORDER_OBSERVATION`), as mappings name groups. */
function itemNodes(index: Hl7v2VersionIndex, items: Hl7v2CompactItem[], prefix: string, groupPath = ''): SchemaNode[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const occurrence = (seen.get(item.n) ?? 0) + 1;
    seen.set(item.n, occurrence);
    const id = `${prefix}${item.n}${occurrence > 1 ? `#${occurrence}` : ''}`;
    const max = maxOf(item.max);
    if (item.c || item.x) {
      const path = item.c ? (groupPath === '' ? item.n : `${groupPath}.${item.n}`) : item.n;
      const children = itemNodes(index, item.c ?? item.x ?? [], `${id}/`, item.c ? path : groupPath);
      return {
        id, path, name: item.n, label: item.d ?? item.n, kind: item.c ? 'group' : 'choice',
        min: item.min, max, repeating: max !== 1, hasChildren: children.length > 0, children,
      } satisfies SchemaNode;
    }
    return segmentNode(index, id, item.n, item.min, max);
  });
}

/** The whole tree of a message structure (`ADT_A01`): groups, segments, fields, components, subcomponents. */
export function hl7v2MessageTree(index: Hl7v2VersionIndex, structure: string): SchemaNode {
  const message = own(index.messages, structure);
  if (!message) {
    throw new CrosswalkError('SCHEMA_UNKNOWN_STRUCTURE',
      `HL7 v${index.version} has no message structure ${structure}; known structures include ${listing(Object.keys(index.messages))}.`,
      { path: structure });
  }
  const children = itemNodes(index, message.s, '');
  return {
    id: structure, path: structure, name: structure, label: message.d, kind: 'message',
    min: 1, max: 1, repeating: false, hasChildren: children.length > 0, children,
  };
}

/** One segment (`PID`) with its fields, components and subcomponents. */
export function hl7v2SegmentTree(index: Hl7v2VersionIndex, segment: string): SchemaNode {
  if (!own(index.segments, segment)) {
    throw new CrosswalkError('SCHEMA_UNKNOWN_SEGMENT',
      `HL7 v${index.version} has no segment ${segment}; known segments include ${listing(Object.keys(index.segments))}.`, { path: segment });
  }
  return segmentNode(index, segment, segment, 1, 1);
}

/** One data type (`XPN`) with components (`XPN.1`) and subcomponents (`XPN.1.1`). */
export function hl7v2DataTypeTree(index: Hl7v2VersionIndex, datatype: string): SchemaNode {
  const entry = own(index.datatypes, datatype);
  if (!entry) {
    throw new CrosswalkError('SCHEMA_UNKNOWN_DATATYPE',
      `HL7 v${index.version} has no data type ${datatype}; known data types include ${listing(Object.keys(index.datatypes))}.`, { path: datatype });
  }
  const children = entry.c.map((c, i) => partNode(index, 'component', `${datatype}.${i + 1}`, `${datatype}.${i + 1}`, c));
  return {
    id: datatype, path: datatype, name: datatype, label: entry.d, kind: 'datatype', dataType: datatype,
    min: 1, max: 1, repeating: false, hasChildren: children.length > 0, children,
  };
}
