import type { MessageStructure, StructureItem } from '../hl7v2/groups';

/** One place a segment can stand in a message structure (ORU_R01's OBX under ORDER_OBSERVATION.OBSERVATION). */
export interface SegmentOccurrence {
  segment: string;
  /** The names of its groups, outermost first (`['PATIENT_RESULT', 'ORDER_OBSERVATION', 'OBSERVATION']`). */
  groups: string[];
  min: number;
  /** Whether it repeats within its group. */
  repeating: boolean;
}

/** Every segment position of a structure, in order (each segment of a choice counts as its own). */
export function segmentOccurrences(structure: MessageStructure): SegmentOccurrence[] {
  const out: SegmentOccurrence[] = [];
  const walk = (items: readonly StructureItem[], groups: string[]): void => {
    for (const item of items) {
      if (item.c) walk(item.c, [...groups, item.n]);
      else for (const choice of item.x ?? [item]) out.push({ segment: choice.n, groups, min: item.min, repeating: item.max !== 1 });
    }
  };
  walk(structure.items, []);
  return out;
}

/** Whether one list of group names is the other with some names left out (v2.5.1's SPECIMEN.OBX for v2.9's SPECIMEN.SPECIMEN_OBSERVATION.OBX). */
function within(shorter: readonly string[], longer: readonly string[]): boolean {
  let i = 0;
  for (const name of longer) if (i < shorter.length && shorter[i] === name) i++;
  return i === shorter.length;
}

/**
 * Places each IG segment position (`VXU_V04.ORDER.OBSERVATION.OBX`, written against v2.9) in the
 * structure of the chosen version: the occurrence with the same groups, else one whose groups are
 * the IG's with some left out (or the other way round), else the one unclaimed occurrence of that
 * segment (v2.5.1 calls VXU_V04's PATIENT_VISIT group PATIENT). A position none fits (v2.5.1 has no
 * PERSON_OBSERVATION) is left out of the result. Several IG positions with the same groups (ADT's
 * two ROL) take that group's occurrences in order.
 */
export function placeIgPositions(positions: ReadonlyArray<{ key: string; segment: string; groups: string[] }>, occurrences: readonly SegmentOccurrence[]): Map<string, number> {
  const placed = new Map<string, number>();
  const claimed = new Set<number>();
  const passes: Array<(p: { segment: string; groups: string[] }, o: SegmentOccurrence) => boolean> = [
    (p, o) => p.groups.join('.') === o.groups.join('.'),
    (p, o) => within(o.groups, p.groups) || within(p.groups, o.groups),
  ];
  for (const pass of passes) {
    for (const position of positions) {
      if (placed.has(position.key)) continue;
      const at = occurrences.findIndex((o, i) => !claimed.has(i) && o.segment === position.segment && pass(position, o));
      if (at < 0) continue;
      placed.set(position.key, at);
      claimed.add(at);
    }
  }
  for (const position of positions) {
    if (placed.has(position.key)) continue;
    const free = occurrences.map((o, i) => (o.segment === position.segment && !claimed.has(i) ? i : -1)).filter((i) => i >= 0);
    if (free.length !== 1) continue;
    placed.set(position.key, free[0]);
    claimed.add(free[0]);
  }
  return placed;
}
