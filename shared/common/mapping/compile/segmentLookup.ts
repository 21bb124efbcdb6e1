import type { Hl7Segment } from '../../hl7v2';
import type { CompiledGroup, CompiledStructure, GroupInstance, MessageGroups } from '../../hl7v2/groups';
import type { ContextScope } from './ContextScope';
import type { Frame, SegmentItem } from './Frame';

/**
 * Which segment a path reads, decided once at compile time from the scopes it is read in:
 * 1. a named occurrence (`OBX[2]-5`): that occurrence in the message;
 * 2. a segment the innermost context iterates (`OBX-5` inside each OBX): the current one;
 * 3. inside a group (a group context, or the group of the segment a context iterates): the
 *    segment of the current group instance, or of the nearest enclosing instance whose group has
 *    it in the structure (`OBR-7` inside an OBSERVATION reads its ORDER_OBSERVATION's OBR);
 * 4. otherwise the message's first.
 */
export function compileSegmentLookup(segment: string, occurrence: number | undefined, scopes: readonly ContextScope[], structure: CompiledStructure | undefined): (frame: Frame) => Hl7Segment | undefined {
  if (occurrence !== undefined) return (frame) => frame.message.segment(segment, occurrence);
  const bound = segmentScope(scopes, segment);
  if (bound) {
    const depth = bound.depth;
    return (frame) => (frame.items[depth] as SegmentItem).segment;
  }
  const within = compileGroupAnchor(segment, scopes, structure);
  if (within) {
    return (frame) => {
      const found = within(frame);
      if (found === undefined) return frame.message.segment(segment, 1);
      return found.length > 0 ? found[0] : undefined;
    };
  }
  return (frame) => frame.message.segment(segment, 1);
}

/**
 * The segments a context over `segment` iterates in these scopes: the current one when an outer
 * context binds it, those of the current group instance inside a group, the ones after the outer
 * segment up to the next one of its kind when a segment context nests in another without a
 * structure to say better (OBX after their OBR), else every one in the message.
 */
export function compileSegmentList(segment: string, occurrence: number | undefined, scopes: readonly ContextScope[], structure: CompiledStructure | undefined): (frame: Frame) => readonly Hl7Segment[] {
  if (occurrence !== undefined) {
    return (frame) => {
      const one = frame.message.segment(segment, occurrence);
      return one ? [one] : [];
    };
  }
  const bound = segmentScope(scopes, segment);
  if (bound) {
    const depth = bound.depth;
    return (frame) => [(frame.items[depth] as SegmentItem).segment];
  }
  const within = compileGroupAnchor(segment, scopes, structure);
  if (within) return (frame) => within(frame) ?? frame.message.segmentsById(segment);
  const parent = structure === undefined ? scopes[scopes.length - 1] : undefined;
  if (parent && parent.field === undefined && parent.group === undefined) {
    const depth = parent.depth;
    return (frame) => {
      const anchor = (frame.items[depth] as SegmentItem).segment;
      const all = frame.message.segments;
      const out: Hl7Segment[] = [];
      for (let i = all.indexOf(anchor) + 1; i < all.length && all[i].id !== anchor.id; i++) if (all[i].id === segment) out.push(all[i]);
      return out;
    };
  }
  return (frame) => frame.message.segmentsById(segment);
}

/** The innermost scope binding this segment (any context on it). */
export function segmentScope(scopes: readonly ContextScope[], segment: string): ContextScope | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].segment === segment && scopes[i].group === undefined) return scopes[i];
  return undefined;
}

/**
 * For a read inside a group: the segments of that id in the instance that holds them (undefined:
 * read the message instead). Decided at compile time from the structure; at run time it only
 * walks up parent instances a fixed number of times and scans a short span.
 */
function compileGroupAnchor(segment: string, scopes: readonly ContextScope[], structure: CompiledStructure | undefined): ((frame: Frame) => readonly Hl7Segment[] | undefined) | undefined {
  if (structure === undefined) return undefined;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    const depth = scope.depth;
    if (scope.group !== undefined) {
      const group = structure.groups.get(scope.group);
      if (!group) return undefined;
      const plan = climb(group, segment);
      if (!plan) return undefined;
      if (plan.none) return () => NO_SEGMENTS;
      return (frame) => segmentsIn(frame.groups(), ancestor((frame.items[depth] as SegmentItem).group as GroupInstance, plan.hops), segment, plan.direct);
    }
    if (scope.field === undefined || scope.segment !== segment) {
      // A segment (or repetition) context: the group of its current segment, when the structure puts that segment in groups.
      const homes = groupsHolding(structure, scope.segment);
      if (homes.length === 0 || homes.every((g) => g.path === '')) continue;
      return (frame) => {
        const groups = frame.groups();
        const current = (frame.items[depth] as SegmentItem).segment;
        const placement = groups.placements[groups.indexOf(current)];
        if (!placement) return undefined;
        const plan = climb(placement.group.group, segment);
        if (!plan) return undefined;
        if (plan.none) return NO_SEGMENTS;
        return segmentsIn(groups, ancestor(placement.group, plan.hops), segment, plan.direct);
      };
    }
  }
  return undefined;
}

/**
 * How many parents up from `group` the nearest group that has the segment is, and whether it is a
 * direct element there; `none` when it is a repeating direct element of an enclosing group (the
 * NTEs of an ORDER_OBSERVATION, read from a SPECIMEN's OBX): that list belongs to the enclosing
 * group itself, and an item of a child group has none of it.
 */
function climb(group: CompiledGroup, segment: string): { hops: number; direct: boolean; none?: boolean } | undefined {
  let hops = 0;
  for (let g: CompiledGroup | undefined = group; g; g = g.parent, hops++) {
    if (g.all.has(segment)) {
      // At the message level, a segment read outside any group it lives in is the message's first (v2 readers expect that).
      if (g.parent === undefined && !g.direct.has(segment)) return undefined;
      const direct = g.direct.has(segment);
      const repeats = direct && g.elements.some((e) => e.kind === 'segment' && e.ids.has(segment) && e.max !== 1);
      return { hops, direct, ...(hops > 0 && repeats ? { none: true } : {}) };
    }
  }
  return undefined;
}

function ancestor(instance: GroupInstance, hops: number): GroupInstance {
  let out = instance;
  for (let i = 0; i < hops && out.parent; i++) out = out.parent;
  return out;
}

const NO_SEGMENTS: readonly Hl7Segment[] = Object.freeze([]);

/** The groups (by compiled group) whose direct elements include a segment id. */
function groupsHolding(structure: CompiledStructure, segment: string): CompiledGroup[] {
  const out: CompiledGroup[] = [];
  for (const group of structure.groups.values()) if (group.direct.has(segment)) out.push(group);
  return out;
}

/** The segments of an id in an instance's span: direct elements only (not those of nested instances), or all. */
function segmentsIn(groups: MessageGroups, instance: GroupInstance, segment: string, direct: boolean): Hl7Segment[] {
  const all = groups.segments;
  const out: Hl7Segment[] = [];
  let child = 0;
  for (let i = instance.start; i < instance.end; i++) {
    if (direct) {
      while (child < instance.children.length && instance.children[child].end <= i) child++;
      const inner = instance.children[child];
      if (inner && inner.start <= i && i < inner.end) {
        i = inner.end - 1;
        continue;
      }
    }
    if (all[i].id === segment) out.push(all[i]);
  }
  return out;
}
