import type { MappingCoverageResult } from '../../../shared/common/studio/StudioApi';

/**
 * How coverage marks a schema row: an element required or must-support that no link writes
 * (`missing`), a row above such elements (`missingBelow`), a source field the samples value and
 * no link reads (`unused`), or a row above valued fields none of which a link reads (`unusedBelow`).
 */
export interface RowMark {
  kind: 'missing' | 'missingBelow' | 'unused' | 'unusedBelow';
  /** What the mark means, for the row's tooltip. */
  note: string;
}

type ParentOf = (path: string) => string | undefined;

function ancestors(path: string, parentOf: ParentOf): string[] {
  const out: string[] = [];
  const seen = new Set([path]);
  for (let at = parentOf(path); at !== undefined && !seen.has(at); at = parentOf(at)) {
    out.push(at);
    seen.add(at);
  }
  return out;
}

/**
 * The marks of one target of a map: each element the coverage lists as required (min ≥ 1) or
 * must-support and written by no link, and the rows above them (so a collapsed parent says what it
 * hides). Elements every caller of a segment or data type map writes are not this map's gap.
 */
export function targetMarks(coverage: MappingCoverageResult | undefined, mapId: string, targetId: string, parentOf: ParentOf): Map<string, RowMark> {
  const marks = new Map<string, RowMark>();
  const target = coverage?.maps.find((m) => m.map === mapId)?.targets.find((t) => t.target === targetId);
  if (!target) return marks;
  const missing = target.missing.filter((m) => m.writtenByCaller !== true);
  const below = new Map<string, number>();
  for (const element of missing) {
    const why = [element.min >= 1 ? `required (min ${element.min})` : '', element.mustSupport ? `must-support${target.profile ? ` in ${target.profile.url}` : ''}` : ''].filter(Boolean).join(' and ');
    marks.set(element.path, { kind: 'missing', note: `${element.path} is ${why}, and no link writes it.` });
    for (const up of ancestors(element.path, parentOf)) below.set(up, (below.get(up) ?? 0) + 1);
  }
  for (const [path, n] of below) {
    if (!marks.has(path)) marks.set(path, { kind: 'missingBelow', note: `${n} required or must-support element${n === 1 ? '' : 's'} below ${n === 1 ? 'is' : 'are'} written by no link.` });
  }
  return marks;
}

/**
 * The marks of a map's input: each field the samples value under the items the map was applied
 * to and no link reads (in this map or the maps it calls), and each row above such fields all of
 * whose valued fields are unread.
 */
export function sourceMarks(coverage: MappingCoverageResult | undefined, mapId: string, parentOf: ParentOf): Map<string, RowMark> {
  const marks = new Map<string, RowMark>();
  const fields = coverage?.maps.find((m) => m.map === mapId)?.sources.fields ?? [];
  const totals = new Map<string, { valued: number; used: number; fields: number }>();
  for (const field of fields) {
    if (field.valued === 0) continue;
    if (field.used === 0) marks.set(field.path, { kind: 'unused', note: `${field.path} is valued ${field.valued} time${field.valued === 1 ? '' : 's'} in the samples and no link reads it.` });
    for (const up of ancestors(field.path, parentOf)) {
      const total = totals.get(up) ?? { valued: 0, used: 0, fields: 0 };
      totals.set(up, { valued: total.valued + field.valued, used: total.used + field.used, fields: total.fields + 1 });
    }
  }
  for (const [path, total] of totals) {
    if (total.used === 0 && !marks.has(path)) marks.set(path, { kind: 'unusedBelow', note: `${total.fields} valued field${total.fields === 1 ? '' : 's'} below, none read by a link.` });
  }
  return marks;
}

/** `41.4%` of valued sample leaves read by a link (`–` when none is valued). */
export function coveragePercent(used: number, valued: number): string {
  return valued === 0 ? '–' : `${(Math.round((used / valued) * 1000) / 10).toFixed(1)}%`;
}

/** `87 of 210 (41.4%)`: valued sample leaves read by a link, of all. */
export function coverageFigure(used: number, valued: number): string {
  if (valued === 0) return 'no valued field';
  return `${used} of ${valued} (${coveragePercent(used, valued)})`;
}
