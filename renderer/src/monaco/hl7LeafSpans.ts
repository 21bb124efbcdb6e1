import { parseHl7, type Hl7Leaf } from '../../../shared/common/hl7v2';

/** Where one valued leaf of a message is in its text: its canonical path (as Hl7Message.leaves() names it) and characters [start, end). */
export interface LeafSpan {
  path: string;
  start: number;
  end: number;
}

/** The range of the n-th (1-based) piece of text[start, end) cut at `separator`. */
function piece(text: string, start: number, end: number, separator: string, n: number): [number, number] | undefined {
  let from = start;
  for (let i = 1; i < n; i++) {
    const at = text.indexOf(separator, from);
    if (at === -1 || at >= end) return undefined;
    from = at + 1;
  }
  const next = text.indexOf(separator, from);
  return [from, next === -1 || next > end ? end : next];
}

/**
 * Where each valued leaf of an ER7 message is in its text, so the sample editor can mark fields
 * by the paths the engine gives them (coverage's unused leaves). The message is read by the one
 * codec (parseHl7: its leaves and their segments' offsets); only the cut into repetitions,
 * components and subcomponents is redone here, on the segment's raw text, since escape sequences
 * never hold a raw separator. Throws as parseHl7 does on a text that is not one message.
 */
export function hl7LeafSpans(text: string): LeafSpan[] {
  const message = parseHl7(text);
  const d = message.delimiters;
  const out: LeafSpan[] = [];
  for (const leaf of message.leaves()) {
    const segment = message.segments[leaf.segmentIndex];
    if (segment.offset === undefined) continue;
    const range = leafRange(segment.raw, leaf, d.field, d.repetition, d.component, d.subcomponent, segment.id === 'MSH');
    if (range) out.push({ path: leaf.path, start: segment.offset + range[0], end: segment.offset + range[1] });
  }
  return out;
}

function leafRange(raw: string, leaf: Hl7Leaf, field: string, repetition: string, component: string, subcomponent: string, header: boolean): [number, number] | undefined {
  // MSH-1 is the field separator itself and MSH-2 the encoding characters: one leaf each, no cut inside.
  if (header && leaf.field === 1) return [3, 4];
  const span = piece(raw, 0, raw.length, field, header ? leaf.field : leaf.field + 1);
  if (!span || (header && leaf.field === 2)) return span;
  const rep = piece(raw, span[0], span[1], repetition, leaf.repetition);
  const comp = rep && piece(raw, rep[0], rep[1], component, leaf.component);
  return comp && piece(raw, comp[0], comp[1], subcomponent, leaf.subcomponent);
}
