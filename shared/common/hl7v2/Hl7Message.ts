import { CrosswalkError } from '../errors/CrosswalkError';
import { DEFAULT_DELIMITERS, encodingCharacters, type Delimiters } from './Delimiters';
import { encodeValue } from './escape';
import type { Hl7Leaf } from './Hl7Leaf';
import { formatPath, parsePath, type Hl7Path } from './Hl7Path';
import { Hl7Segment } from './Hl7Segment';
import { HL7_NULL, leafValue, nthPiece, type Hl7Value } from './Hl7Value';

/** Receives one valued leaf: decoded value (null for ""), 0-based segment index, 1-based field, repetition, component, subcomponent. */
export type LeafVisitor = (value: string | null, segmentIndex: number, field: number, repetition: number, component: number, subcomponent: number) => void;

const pathCache = new Map<string, Hl7Path>();
const PATH_CACHE_LIMIT = 2000;

/** Parsed paths are reused: mapping code reads the same few dozen paths from every message. */
function resolvePath(path: string | Hl7Path): Hl7Path {
  if (typeof path !== 'string') return path;
  let parsed = pathCache.get(path);
  if (parsed === undefined) {
    parsed = parsePath(path);
    if (pathCache.size >= PATH_CACHE_LIMIT) pathCache.clear();
    pathCache.set(path, parsed);
  }
  return parsed;
}

/** Replace the n-th piece of text split on sep, padding with empty pieces. */
function replacePiece(text: string, sep: string, n: number, piece: string): string {
  const parts = text.length === 0 ? [] : text.split(sep);
  while (parts.length < n) parts.push('');
  parts[n - 1] = piece;
  if (piece.length === 0 && n === parts.length) {
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  }
  return parts.join(sep);
}

/**
 * One HL7 v2 message: its delimiters and its segments in order. Parsing splits only the segment
 * list; fields, repetitions and components are split when first read, and escapes are decoded
 * only when a value is read. toString() gives the ER7 text back exactly, with CR terminators.
 */
export class Hl7Message {
  private readonly list: Hl7Segment[];
  private byId: Map<string, Hl7Segment[]> | undefined;

  constructor(segments: Hl7Segment[], readonly delimiters: Delimiters) {
    this.list = segments;
  }

  /** A new message holding only an MSH with its delimiters (for building v2 output). */
  static create(delimiters: Delimiters = DEFAULT_DELIMITERS): Hl7Message {
    const d = { ...delimiters };
    return new Hl7Message([new Hl7Segment(`MSH${d.field}${encodingCharacters(d)}`, d)], d);
  }

  /** Every segment, in message order. */
  get segments(): readonly Hl7Segment[] {
    return this.list;
  }

  private index(): Map<string, Hl7Segment[]> {
    if (this.byId === undefined) {
      const map = new Map<string, Hl7Segment[]>();
      for (const segment of this.list) {
        const same = map.get(segment.id);
        if (same === undefined) map.set(segment.id, [segment]);
        else same.push(segment);
      }
      this.byId = map;
    }
    return this.byId;
  }

  /** Every occurrence of a segment id, in message order (empty when absent). */
  segmentsById(id: string): readonly Hl7Segment[] {
    return this.index().get(id) ?? [];
  }

  /** The n-th (1-based) occurrence of a segment id. */
  segment(id: string, occurrence = 1): Hl7Segment | undefined {
    return this.index().get(id)?.[occurrence - 1];
  }

  /** Append a new empty segment (for building messages). */
  addSegment(id: string): Hl7Segment {
    if (!/^[A-Z][A-Z0-9]{2}$/.test(id)) {
      throw new CrosswalkError('HL7_BAD_SEGMENT', `"${id}" is not a segment id: it must be three capital letters or digits, starting with a letter.`, { segmentId: id });
    }
    const segment = new Hl7Segment(id, this.delimiters, id);
    this.list.push(segment);
    if (this.byId !== undefined) {
      const same = this.byId.get(id);
      if (same === undefined) this.byId.set(id, [segment]);
      else same.push(segment);
    }
    return segment;
  }

  /** The decoded value at a path; an index left out means the first. */
  get(path: string | Hl7Path): Hl7Value {
    const p = resolvePath(path);
    const segment = this.segment(p.segment, p.occurrence ?? 1);
    if (segment === undefined) return undefined;
    return segment.value(p.field, p.repetition ?? 1, p.component ?? 1, p.subcomponent ?? 1);
  }

  /**
   * The decoded values at a path across every segment occurrence (unless the path names one) and
   * every repetition (unless the path names one), in message order. An occurrence or repetition
   * that has no value there gives undefined, so positions line up with the repetitions.
   */
  getAll(path: string | Hl7Path): Hl7Value[] {
    const p = resolvePath(path);
    const segments = p.occurrence === undefined ? this.segmentsById(p.segment) : [this.segment(p.segment, p.occurrence)].filter((s) => s !== undefined);
    const out: Hl7Value[] = [];
    const c = p.component ?? 1;
    const s = p.subcomponent ?? 1;
    for (const segment of segments) {
      if (p.repetition !== undefined) {
        out.push(segment.value(p.field, p.repetition, c, s));
        continue;
      }
      const field = segment.field(p.field);
      const count = field === undefined ? 0 : Math.max(1, field.repetitionCount);
      if (count === 0) out.push(undefined);
      for (let r = 1; r <= count; r++) out.push(segment.value(p.field, r, c, s));
    }
    return out;
  }

  /**
   * Write a value at a path, creating segments (appended), fields, repetitions and components as
   * needed. The path's last index is replaced whole: `PID-5` replaces the whole field, `PID-5[2]`
   * the second repetition, `PID-5.1` component 1 of repetition 1 (with its subcomponents). An index
   * followed by a deeper one defaults to 1. null writes the explicit null `""`, undefined clears.
   */
  set(path: string | Hl7Path, value: Hl7Value): void {
    const p = resolvePath(path);
    const d = this.delimiters;
    // Check everything before changing anything: a refused write leaves the message as it was.
    if (p.segment === 'MSH' && p.field <= 2) {
      throw new CrosswalkError('HL7_BAD_PATH', 'MSH-1 and MSH-2 are the delimiters and cannot be set; create the message with the delimiters it should use.', { path: formatPath(p), segmentId: 'MSH', field: p.field });
    }
    let encoded: string;
    try {
      encoded = value === undefined ? '' : value === null ? HL7_NULL : encodeValue(value, d);
    } catch (error) {
      throw error instanceof CrosswalkError ? error.at({ path: formatPath(p), segmentId: p.segment, field: p.field }) : error;
    }
    let segment = this.segment(p.segment, p.occurrence ?? 1);
    while (segment === undefined) {
      this.addSegment(p.segment);
      segment = this.segment(p.segment, p.occurrence ?? 1);
    }
    let fieldRaw = encoded;
    if (p.repetition !== undefined || p.component !== undefined) {
      const current = segment.fieldRaw(p.field) ?? '';
      const r = p.repetition ?? 1;
      let repRaw = encoded;
      if (p.component !== undefined) {
        const rep = nthPiece(current, d.repetition, r) ?? '';
        let compRaw = encoded;
        if (p.subcomponent !== undefined) {
          compRaw = replacePiece(nthPiece(rep, d.component, p.component) ?? '', d.subcomponent, p.subcomponent, encoded);
        }
        repRaw = replacePiece(rep, d.component, p.component, compRaw);
      }
      fieldRaw = replacePiece(current, d.repetition, r, repRaw);
    }
    segment.setFieldRaw(p.field, fieldRaw);
  }

  /**
   * Visit every valued leaf (including explicit nulls) in message order, without building paths:
   * the fast way to touch everything. Indexes are 1-based except segmentIndex (0-based position).
   */
  forEachLeaf(visit: LeafVisitor): void {
    this.walk(visit);
  }

  /** The walk behind forEachLeaf and leaves(); also says whether the repetition / component was split. */
  private walk(visit: (value: string | null, segmentIndex: number, field: number, repetition: number, component: number, subcomponent: number, split: boolean, subSplit: boolean) => void): void {
    const d = this.delimiters;
    const list = this.list;
    for (let index = 0; index < list.length; index++) {
      const segment = list[index];
      const fieldCount = segment.fieldCount;
      const header = segment.id === 'MSH';
      for (let f = 1; f <= fieldCount; f++) {
        const raw = segment.fieldRaw(f) as string;
        if (raw.length === 0) continue;
        if (header && f <= 2) {
          visit(raw, index, f, 1, 1, 1, false, false);
          continue;
        }
        const reps = raw.indexOf(d.repetition) === -1 ? [raw] : raw.split(d.repetition);
        for (let r = 0; r < reps.length; r++) {
          const rep = reps[r];
          if (rep.length === 0) continue;
          const comps = rep.indexOf(d.component) === -1 ? [rep] : rep.split(d.component);
          const split = comps.length > 1;
          for (let c = 0; c < comps.length; c++) {
            const comp = comps[c];
            if (comp.length === 0) continue;
            if (comp.indexOf(d.subcomponent) === -1) {
              visit(leafValue(comp, d) as string | null, index, f, r + 1, c + 1, 1, split, false);
              continue;
            }
            const subs = comp.split(d.subcomponent);
            for (let s = 0; s < subs.length; s++) {
              const value = leafValue(subs[s], d);
              if (value !== undefined) visit(value, index, f, r + 1, c + 1, s + 1, split, true);
            }
          }
        }
      }
    }
  }

  /** Every valued leaf (including explicit nulls) with its canonical path; see Hl7Leaf for the form. */
  leaves(): Hl7Leaf[] {
    const counts = new Map<string, number>();
    for (const segment of this.list) counts.set(segment.id, (counts.get(segment.id) ?? 0) + 1);
    const occurrences: number[] = new Array(this.list.length);
    const prefixes: string[] = new Array(this.list.length);
    const seen = new Map<string, number>();
    for (let i = 0; i < this.list.length; i++) {
      const id = this.list[i].id;
      const occurrence = (seen.get(id) ?? 0) + 1;
      seen.set(id, occurrence);
      occurrences[i] = occurrence;
      prefixes[i] = (counts.get(id) ?? 1) > 1 ? `${id}[${occurrence}]-` : `${id}-`;
    }
    const out: Hl7Leaf[] = [];
    this.walk((value, segmentIndex, field, repetition, component, subcomponent, split, subSplit) => {
      let path = `${prefixes[segmentIndex]}${field}[${repetition}]`;
      if (subSplit) path += `.${component}.${subcomponent}`;
      else if (split) path += `.${component}`;
      out.push({ path, value, segmentIndex, segment: this.list[segmentIndex].id, occurrence: occurrences[segmentIndex], field, repetition, component, subcomponent });
    });
    return out;
  }

  /** The message as ER7 text: every segment followed by a CR. */
  toString(): string {
    let out = '';
    for (const segment of this.list) out += segment.raw + '\r';
    return out;
  }
}
