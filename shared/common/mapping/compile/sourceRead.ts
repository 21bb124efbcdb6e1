import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { parsePath, type Delimiters, type Hl7Path, type Hl7Segment, type Hl7Message } from '../../hl7v2';
import { HL7_NULL, firstPiece, leafValue, nthPiece } from '../../hl7v2/Hl7Value';
import { decodeValue } from '../../hl7v2/escape';
import type { CompiledStructure } from '../../hl7v2/groups';
import type { ContextScope } from './ContextScope';
import { compileSegmentLookup, segmentScope } from './segmentLookup';
import type { Evaluate, Frame, SegmentItem } from './Frame';
import type { ReadSite } from './SourceReadSink';

/**
 * How a read is consumed: `leaf` the first leaf below the path (text ports, target elements),
 * `composite` the whole repetition or component as arrays (data-type function inputs), `many`
 * a list with one composite per repetition/occurrence (list inputs).
 */
export type ReadMode = 'leaf' | 'composite' | 'many';

export interface SourceSegmentPath {
  segment: string;
  occurrence?: number;
}

/** `OBX`, `OBX[2]`: a whole segment, which only a context link may name. */
export function parseSegmentOnly(text: string): SourceSegmentPath | undefined {
  const m = /^([A-Z][A-Z0-9]{2})(?:\[([1-9]\d{0,5})\])?$/.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? { segment: m[1] } : { segment: m[1], occurrence: Number(m[2]) };
}

export function parseSourcePath(text: string, where: ErrorLocation): Hl7Path {
  try {
    return parsePath(text);
  } catch (error) {
    if (error instanceof CrosswalkError) throw new CrosswalkError('MAP_BAD_SOURCE_PATH', error.message, { ...where, path: text });
    throw error;
  }
}

/** The innermost field-repetition scope on this segment and field, unless the path names a repetition. */
function repetitionScope(scopes: readonly ContextScope[], p: Hl7Path): ContextScope | undefined {
  if (p.repetition !== undefined || p.occurrence !== undefined) return undefined;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (s.segment === p.segment && s.field === p.field) return s;
  }
  return undefined;
}

/** A component's value: its text, or its subcomponents' values when it has several. */
function componentValue(raw: string, d: Delimiters): unknown {
  if (raw.length === 0) return undefined;
  if (raw.indexOf(d.subcomponent) === -1) return leafValue(raw, d);
  return raw.split(d.subcomponent).map((sub) => leafValue(sub, d));
}

/**
 * A whole repetition (or one component) as the function library's V2Composite: arrays of decoded
 * values, read straight from the segment's text (no view objects: this runs for every data-type
 * function input of every message).
 */
export function readComposite(segment: Hl7Segment, field: number, rep: number, component: number | undefined, sub: number | undefined): unknown {
  if (sub !== undefined) return segment.value(field, rep, component ?? 1, sub);
  const d = segment.delimiters;
  const fieldRaw = segment.fieldRaw(field);
  if (fieldRaw === undefined || fieldRaw.length === 0) return undefined;
  if (segment.id === 'MSH' && field <= 2) return rep === 1 && (component ?? 1) === 1 ? fieldRaw : undefined;
  const repRaw = rep === 1 ? firstPiece(fieldRaw, d.repetition) : segment.repetitionRaw(field, rep);
  if (repRaw === undefined || repRaw.length === 0) return undefined;
  if (component !== undefined) {
    const compRaw = component === 1 ? firstPiece(repRaw, d.component) : nthPiece(repRaw, d.component, component);
    return compRaw === undefined ? undefined : componentValue(compRaw, d);
  }
  if (d.component.length === 1 && d.subcomponent.length === 1 && d.escape.length === 1) return scanComposite(repRaw, d);
  const sep = d.component;
  let end = repRaw.indexOf(sep);
  if (end === -1) {
    const only = componentValue(repRaw, d);
    return Array.isArray(only) ? [only] : only;
  }
  const out: unknown[] = [];
  let start = 0;
  for (;;) {
    out.push(componentValue(end === -1 ? repRaw.slice(start) : repRaw.slice(start, end), d));
    if (end === -1) return out;
    start = end + 1;
    end = repRaw.indexOf(sep, start);
  }
}

/** text[start, end) as a leaf value (what leafValue gives), decoding only when an escape character was seen in it. */
function leafAt(text: string, start: number, end: number, escaped: boolean, d: Delimiters): unknown {
  if (end === start) return undefined;
  const raw = text.slice(start, end);
  if (raw === HL7_NULL) return null;
  return escaped ? decodeValue(raw, d) : raw;
}

/**
 * A whole repetition as readComposite returns it (componentValue for each component), in one
 * charCode scan instead of separate indexOf calls for the component, subcomponent and escape
 * characters of every component: repetitions are short, and the builtin calls cost more than the
 * characters (this ran for every data-type function input of every message).
 */
function scanComposite(text: string, d: Delimiters): unknown {
  const compSep = d.component.charCodeAt(0);
  const subSep = d.subcomponent.charCodeAt(0);
  const esc = d.escape.charCodeAt(0);
  const out: unknown[] = [];
  let subs: unknown[] | undefined;
  let start = 0;
  let escaped = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? compSep : text.charCodeAt(i);
    if (c === esc) escaped = true;
    else if (c === subSep) {
      (subs ??= []).push(leafAt(text, start, i, escaped, d));
      start = i + 1;
      escaped = false;
    } else if (c === compSep) {
      if (subs !== undefined) {
        subs.push(leafAt(text, start, i, escaped, d));
        out.push(subs);
        subs = undefined;
      } else out.push(leafAt(text, start, i, escaped, d));
      start = i + 1;
      escaped = false;
    }
  }
  // One component: its value itself (subcomponents wrapped once more), as componentValue's callers expect.
  if (out.length === 1) return Array.isArray(out[0]) ? out : out[0];
  return out;
}

/** The canonical path of a concrete read, for the trace (`OBX[2]-5[1].1`). */
function concretePath(message: Hl7Message, segment: Hl7Segment, p: Hl7Path, rep: number): string {
  const all = message.segmentsById(segment.id);
  const seg = all.length > 1 ? `${segment.id}[${all.indexOf(segment) + 1}]` : segment.id;
  let out = `${seg}-${p.field}[${rep}]`;
  if (p.component !== undefined) out += `.${p.component}`;
  if (p.subcomponent !== undefined) out += `.${p.subcomponent}`;
  return out;
}

/** What a field path reads in these scopes, decided once: the segment lookup, and the repetition (a context's current one, or the one named). */
function readTarget(text: string, scopes: readonly ContextScope[], where: ErrorLocation, structure: CompiledStructure | undefined) {
  if (parseSegmentOnly(text)) {
    throw new CrosswalkError('MAP_SEGMENT_AS_VALUE', `The path "${text}" names a whole segment, which only a context link can iterate; read a field such as ${text}-1.`, { ...where, path: text });
  }
  const p = parseSourcePath(text, where);
  const repScope = repetitionScope(scopes, p);
  const repDepth = repScope ? repScope.depth : -1;
  const plain = p.occurrence === undefined && segmentScope(scopes, p.segment) === undefined && lookupIsPlain(scopes, structure);
  const fixedRep = p.repetition ?? 1;
  const resolveSegment = compileSegmentLookup(p.segment, p.occurrence, scopes, structure);
  const repOf = repDepth >= 0 ? (frame: Frame): number => (frame.items[repDepth] as SegmentItem).rep : (): number => fixedRep;
  return { p, repDepth, plain, fixedRep, resolveSegment, repOf };
}

/**
 * Compiles a field path into a reader, once: the path is parsed here and never per message, and
 * the scopes decide which segment and repetition it reads (the current item of a context, or the
 * message's first / explicitly numbered one). With a `site` (plans compiled for coverage), the
 * reader also tells the frame's SourceReadSink where it read; without one it has no such code.
 */
export function compileSourceRead(text: string, scopes: readonly ContextScope[], mode: ReadMode, where: ErrorLocation, linkId?: string, structure?: CompiledStructure, site?: ReadSite): Evaluate {
  const read = compileRead(text, scopes, mode, where, linkId, structure);
  if (site === undefined) return read;
  const { p, repDepth, plain, resolveSegment, repOf } = readTarget(text, scopes, where, structure);
  const whole = mode !== 'leaf';
  const fixed = repDepth >= 0 || p.repetition !== undefined;
  return (frame, prov) => {
    const value = read(frame, prov);
    const sink = frame.reads;
    if (sink === undefined) return value;
    if (mode === 'many') {
      for (const segment of plain ? frame.message.segmentsById(p.segment) : [resolveSegment(frame)]) {
        if (segment === undefined) continue;
        for (const r of fixed ? [repOf(frame)] : repetitionNumbers(segment, p.field)) sink.read(site, segment, p.field, r, p.component, p.subcomponent, whole);
      }
      return value;
    }
    const item = repDepth >= 0 && mode === 'leaf' ? frame.items[repDepth] as SegmentItem : undefined;
    const segment = item ? item.segment : resolveSegment(frame);
    if (segment !== undefined) sink.read(site, segment, p.field, item ? item.rep : repOf(frame), p.component, p.subcomponent, whole);
    return value;
  };
}

/** Where a path given to a map call is (the item the called map reads), for coverage. */
export function compileSourceLocate(text: string, scopes: readonly ContextScope[], where: ErrorLocation, structure?: CompiledStructure): (frame: Frame) => { segment: Hl7Segment; field: number; rep: number; component?: number; subcomponent?: number } | undefined {
  const { p, resolveSegment, repOf } = readTarget(text, scopes, where, structure);
  return (frame) => {
    const segment = resolveSegment(frame);
    return segment === undefined ? undefined : { segment, field: p.field, rep: repOf(frame), component: p.component, subcomponent: p.subcomponent };
  };
}

function compileRead(text: string, scopes: readonly ContextScope[], mode: ReadMode, where: ErrorLocation, linkId: string | undefined, structure: CompiledStructure | undefined): Evaluate {
  const { p, repDepth, plain, fixedRep, resolveSegment, repOf } = readTarget(text, scopes, where, structure);
  const { segment: segId, field } = p;
  const occurrence = 1;
  const component = p.component ?? 1;
  const sub = p.subcomponent ?? 1;

  if (mode === 'many') {
    // Every repetition (unless bound or named) of every occurrence (unless bound or named). An
    // empty repetition between valued ones stays in its place as undefined: in a text field it is
    // a blank line (TX `a~~b`), and list functions skip what is absent anyway.
    const allSegments = plain;
    const fixed = repDepth >= 0 || p.repetition !== undefined;
    return (frame, prov) => {
      if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
      const segments = allSegments ? frame.message.segmentsById(segId) : [resolveSegment(frame)];
      const out: unknown[] = [];
      for (const segment of segments) {
        if (segment === undefined) continue;
        const reps = fixed ? [repOf(frame)] : repetitionNumbers(segment, field);
        if (reps.length === 0) continue;
        const last = reps[reps.length - 1];
        for (let r = reps[0]; r <= last; r++) {
          const value = readComposite(segment, field, r, p.component, p.subcomponent);
          if (value !== undefined && prov) prov.sources.push({ path: concretePath(frame.message, segment, p, r), value });
          if (value !== undefined || r < last) out.push(value);
        }
      }
      return out;
    };
  }

  if (mode === 'composite') {
    return (frame, prov) => {
      if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
      const segment = resolveSegment(frame);
      if (segment === undefined) return undefined;
      const r = repOf(frame);
      const value = readComposite(segment, field, r, p.component, p.subcomponent);
      if (prov && value !== undefined) prov.sources.push({ path: concretePath(frame.message, segment, p, r), value });
      return value;
    };
  }

  // The hot path: one text scan in the codec, no objects.
  if (plain && repDepth < 0) {
    return (frame, prov) => {
      if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
      const segment = frame.message.segment(segId, occurrence);
      if (segment === undefined) return undefined;
      const value = segment.value(field, fixedRep, component, sub);
      if (prov && value !== undefined) prov.sources.push({ path: concretePath(frame.message, segment, p, fixedRep), value });
      return value;
    };
  }
  if (repDepth >= 0) {
    // The current repetition of a context or map call: its components parsed once per item.
    return (frame, prov) => {
      if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
      const item = frame.items[repDepth] as SegmentItem;
      let parts = item.parts;
      if (parts === undefined) parts = item.parts = readComposite(item.segment, field, item.rep, undefined, undefined) ?? ABSENT;
      const value = partAt(parts, component, sub);
      if (prov && value !== undefined) prov.sources.push({ path: concretePath(frame.message, item.segment, p, item.rep), value });
      return value;
    };
  }
  return (frame, prov) => {
    if (prov !== undefined && linkId !== undefined) prov.links.push(linkId);
    const segment = resolveSegment(frame);
    if (segment === undefined) return undefined;
    const r = repOf(frame);
    const value = segment.value(field, r, component, sub);
    if (prov && value !== undefined) prov.sources.push({ path: concretePath(frame.message, segment, p, r), value });
    return value;
  };
}

/** Marks a repetition read as empty, so it is not read again. */
const ABSENT: readonly unknown[] = Object.freeze([]);

/**
 * Component c, subcomponent s of a repetition as readComposite gives it: the value itself for a
 * repetition of one component, else an array of components, each a value or an array of
 * subcomponents. What Hl7Segment.value gives for the same place (partAt.test.ts checks both agree).
 */
export function partAt(parts: unknown, c: number, s: number): string | null | undefined {
  let comp: unknown;
  if (Array.isArray(parts)) comp = parts[c - 1];
  else comp = c === 1 ? parts : undefined;
  if (Array.isArray(comp)) return comp[s - 1] as string | null | undefined;
  return s === 1 ? (comp as string | null | undefined) : undefined;
}

const ONE: readonly number[] = Object.freeze([1]);
const NONE: readonly number[] = Object.freeze([]);

/** 1..n for the non-empty repetitions of a field, scanned from its text (this runs for every context, every message). */
export function repetitionNumbers(segment: Hl7Segment, field: number): readonly number[] {
  const raw = segment.fieldRaw(field);
  if (raw === undefined || raw.length === 0) return NONE;
  const sep = segment.delimiters.repetition;
  if (raw.indexOf(sep) === -1 || (segment.id === 'MSH' && field <= 2)) return ONE;
  const out: number[] = [];
  let start = 0;
  for (let r = 1; ; r++) {
    const end = raw.indexOf(sep, start);
    const stop = end === -1 ? raw.length : end;
    if (stop > start) out.push(r);
    if (end === -1) return out;
    start = end + 1;
  }
}

/**
 * Whether a read of this segment is the message's first occurrence whatever the scopes: no
 * context binds it and no group decides (the hot path of most reads).
 */
function lookupIsPlain(scopes: readonly ContextScope[], structure: CompiledStructure | undefined): boolean {
  if (structure === undefined) return true;
  for (const scope of scopes) {
    if (scope.group !== undefined) return false;
    for (const group of structure.groups.values()) if (group.path !== '' && group.direct.has(scope.segment)) return false;
  }
  return true;
}
