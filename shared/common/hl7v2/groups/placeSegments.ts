import type { Hl7Message } from '../Hl7Message';
import type { Hl7Segment } from '../Hl7Segment';
import { compileStructure, type CompiledElement, type CompiledGroup, type MessageStructure } from './MessageStructure';

/**
 * One instance of a group in one message: the contiguous run of segments it spans (groups never
 * interleave in ER7), its parent and child instances. `occurrence` counts instances of the same
 * group within the parent instance, 1-based, as the trace writes them.
 */
export interface GroupInstance {
  name: string;
  path: string;
  occurrence: number;
  /** Index of its first segment in the message, and one past its last. */
  start: number;
  end: number;
  parent: GroupInstance | undefined;
  children: GroupInstance[];
  group: CompiledGroup;
}

/** Where one segment went: the innermost group instance holding it, and whether the structure expected it there. */
export interface SegmentPlacement {
  index: number;
  id: string;
  group: GroupInstance;
  /** `lenient`: placed where the structure has that segment, past required segments that were missing. `unexpected`: a segment the structure has nowhere after this point (a Z-segment, one out of order); it stays in the group of the segment before it. */
  how: 'expected' | 'lenient' | 'unexpected';
}

/** A message read against its structure: group instances, and where every segment went. */
export interface MessageGroups {
  root: GroupInstance;
  placements: SegmentPlacement[];
  /** A segment's index in the message (the key for containment in a group's span). */
  indexOf(segment: Hl7Segment): number;
  /** Every instance of a group path, in message order. */
  instances(path: string): GroupInstance[];
  segments: readonly Hl7Segment[];
}

interface Frame {
  group: CompiledGroup;
  instance: GroupInstance;
  /** The element the last segment or group of this instance matched, and how many times in a row. */
  pos: number;
  count: number;
  /** Elements this instance has matched so far. */
  filled: Set<number>;
}

interface Match {
  /** Elements to enter, outermost first, each with the element index it matched in its parent. */
  path: Array<{ element: number; group?: CompiledGroup }>;
  /** A required segment that arrives after the elements that follow it: placed where it belongs, the position kept. */
  late?: boolean;
}

const allows = (element: CompiledElement, count: number): boolean => element.max === 0 || count < element.max;
const newFrame = (group: CompiledGroup, instance: GroupInstance): Frame => ({ group, instance, pos: -1, count: 0, filled: new Set() });

/**
 * The group instances of a message (one rule, documented in docs/mapping-spec.md):
 * 1. a segment goes to the next position the structure allows for it, looking in the current group
 *    and then in each enclosing one (which closes the inner groups, or opens a new instance of a
 *    repeating group: a second OBR starts a new ORDER_OBSERVATION);
 * 2. failing that, to the first later position where the structure has it at any depth, as if
 *    the required segments before it were missing;
 * 3. otherwise (a Z-segment, or a segment out of order) it stays in the group of the segment
 *    before it, marked unexpected. No segment is ever dropped: every one has a placement.
 */
export function placeSegments(message: Hl7Message, structure: MessageStructure): MessageGroups {
  const compiled = compileStructure(structure);
  const segments = message.segments;
  const root: GroupInstance = { name: compiled.root.name, path: '', occurrence: 1, start: 0, end: segments.length, parent: undefined, children: [], group: compiled.root };
  const stack: Frame[] = [newFrame(compiled.root, root)];
  const placements: SegmentPlacement[] = [];
  const byPath = new Map<string, GroupInstance[]>();

  for (let index = 0; index < segments.length; index++) {
    const id = segments[index].id;
    let level = -1;
    let match: Match | undefined;
    let how: SegmentPlacement['how'] = 'expected';
    for (let l = stack.length - 1; l >= 0 && !match; l--) {
      match = findForward(stack[l], id, true);
      if (!match) {
        match = findLate(stack[l], id);
        if (match) how = 'lenient';
      }
      if (match) level = l;
    }
    if (!match) {
      // Leniently only inside the current group: a segment out of place elsewhere does not open a group far away.
      match = findForward(stack[stack.length - 1], id, false);
      if (match) {
        level = stack.length - 1;
        how = 'lenient';
      }
    }
    if (!match) {
      const top = stack[stack.length - 1];
      placements.push({ index, id, group: top.instance, how: 'unexpected' });
      continue;
    }
    // Close the groups the segment leaves.
    while (stack.length - 1 > level) (stack.pop() as Frame).instance.end = index;
    let frame = stack[level];
    if (match.late) {
      // The group resumes at the late segment, so what follows it in the message follows it in the
      // structure too: the NTEs after a late OBR are its order's notes, not a result's.
      frame.filled.add(match.path[0].element);
      frame.pos = match.path[0].element;
      frame.count = 1;
      placements.push({ index, id, group: frame.instance, how });
      continue;
    }
    for (const step of match.path) {
      frame.filled.add(step.element);
      if (step.element === frame.pos) frame.count += 1;
      else {
        frame.pos = step.element;
        frame.count = 1;
      }
      if (step.group === undefined) break;
      const siblings = frame.instance.children.filter((c) => c.group === step.group).length;
      const instance: GroupInstance = {
        name: step.group.name, path: step.group.path, occurrence: siblings + 1, start: index, end: segments.length,
        parent: frame.instance, children: [], group: step.group,
      };
      frame.instance.children.push(instance);
      const list = byPath.get(instance.path);
      if (list) list.push(instance);
      else byPath.set(instance.path, [instance]);
      frame = newFrame(step.group, instance);
      stack.push(frame);
    }
    placements.push({ index, id, group: frame.instance, how });
  }

  let positions: Map<Hl7Segment, number> | undefined;
  return {
    root,
    placements,
    segments,
    indexOf(segment) {
      positions ??= new Map(segments.map((s, i) => [s, i]));
      return positions.get(segment) ?? -1;
    },
    instances: (path) => (path === '' ? [root] : byPath.get(path) ?? []),
  };
}

/**
 * The next place in this frame's group (at or after its position) for a segment: directly, or by
 * opening nested groups. Strict: a group is entered only through its first set, and no required
 * element is skipped inside a newly opened group. Lenient: any element whose subtree has it.
 */
function findForward(frame: Frame, id: string, strict: boolean): Match | undefined {
  const elements = frame.group.elements;
  for (let j = Math.max(frame.pos, 0); j < elements.length; j++) {
    const element = elements[j];
    const usable = j !== frame.pos || allows(element, frame.count);
    if (usable) {
      if (element.kind === 'segment') {
        if (element.ids.has(id)) return { path: [{ element: j }] };
      } else if (strict ? element.group.first.has(id) : element.group.all.has(id)) {
        const inner = enter(element.group, id, strict);
        if (inner) return { path: [{ element: j, group: element.group }, ...inner] };
      }
    }
    // Strictly, the segment cannot skip a required element it has not yet met (an OBX cannot jump over a missing OBR).
    if (strict && j > frame.pos && element.min > 0) return undefined;
  }
  return undefined;
}

/** A required segment element this instance passed without filling (its segment came late). */
function findLate(frame: Frame, id: string): Match | undefined {
  const elements = frame.group.elements;
  for (let j = 0; j < frame.pos; j++) {
    const element = elements[j];
    if (element.kind === 'segment' && element.min > 0 && !frame.filled.has(j) && element.ids.has(id)) return { path: [{ element: j }], late: true };
  }
  return undefined;
}

/** The path from the start of a newly opened group to the element a segment matches. */
function enter(group: CompiledGroup, id: string, strict: boolean): Match['path'] | undefined {
  const elements = group.elements;
  for (let j = 0; j < elements.length; j++) {
    const element = elements[j];
    if (element.kind === 'segment') {
      if (element.ids.has(id)) return [{ element: j }];
    } else if (strict ? element.group.first.has(id) : element.group.all.has(id)) {
      const inner = enter(element.group, id, strict);
      if (inner) return [{ element: j, group: element.group }, ...inner];
    }
    if (strict && element.min > 0) return undefined;
  }
  return undefined;
}

/** `PATIENT_RESULT[1].ORDER_OBSERVATION[2].OBSERVATION[1]`: where a group instance sits, as the trace shows it. */
export function instancePath(instance: GroupInstance): string {
  const parts: string[] = [];
  for (let g: GroupInstance | undefined = instance; g && g.parent; g = g.parent) parts.unshift(`${g.name}[${g.occurrence}]`);
  return parts.join('.');
}
