import type { Hl7Message, Hl7Segment } from '../hl7v2';
import type { ReadSite, SourceReadSink } from '../mapping/compile/SourceReadSink';

/** Where something was read or applied: a segment by its index in the message, and a place in it. */
export interface SourcePlace {
  segment: number;
  /** 0: the whole segment. */
  field: number;
  rep: number;
  component?: number;
  subcomponent?: number;
  /** Everything below the place (a composite read), or the one leaf it names. */
  whole: boolean;
}

/** What mapping one message read, by map: the places its links and conditions read, and the items it was applied to. */
export interface SourceReads {
  reads: Map<string, SourcePlace[]>;
  applications: Map<string, SourcePlace[]>;
}

/** A SourceReadSink that keeps every read and application of one message, by map id. */
export function recordSourceReads(message: Hl7Message): { sink: SourceReadSink; reads: SourceReads } {
  const index = new Map<Hl7Segment, number>(message.segments.map((segment, i) => [segment, i]));
  const reads: SourceReads = { reads: new Map(), applications: new Map() };
  const add = (into: Map<string, SourcePlace[]>, map: string, place: SourcePlace): void => {
    const list = into.get(map);
    if (list) list.push(place);
    else into.set(map, [place]);
  };
  const place = (segment: Hl7Segment, field: number, rep: number, component: number | undefined, subcomponent: number | undefined, whole: boolean): SourcePlace | undefined => {
    const at = index.get(segment);
    if (at === undefined) return undefined;
    return { segment: at, field, rep, ...(component !== undefined ? { component } : {}), ...(subcomponent !== undefined ? { subcomponent } : {}), whole };
  };
  const sink: SourceReadSink = {
    read(site: ReadSite, segment, field, rep, component, subcomponent, whole) {
      const at = place(segment, field, rep, component, subcomponent, whole);
      if (at) add(reads.reads, site.map, at);
    },
    apply(map, segment, field, rep, component, subcomponent) {
      const at = place(segment, field, rep, component, subcomponent, true);
      if (at) add(reads.applications, map, at);
    },
  };
  return { sink, reads };
}

/** Whether a place covers a leaf: the same repetition of the same field, and the leaf below (whole) or at (one leaf) the place. */
export function covers(place: SourcePlace, leaf: { segmentIndex: number; field: number; repetition: number; component: number; subcomponent: number }): boolean {
  if (place.segment !== leaf.segmentIndex) return false;
  if (place.field === 0) return true;
  if (place.field !== leaf.field || place.rep !== leaf.repetition) return false;
  if (place.whole) {
    return (place.component === undefined || place.component === leaf.component) && (place.subcomponent === undefined || place.subcomponent === leaf.subcomponent);
  }
  return (place.component ?? 1) === leaf.component && (place.subcomponent ?? 1) === leaf.subcomponent;
}
