import { CrosswalkError } from '../errors/CrosswalkError';
import type { Delimiters } from './Delimiters';
import { Hl7Field } from './Hl7Field';
import { firstPiece, leafValue, nthPiece, type Hl7Value } from './Hl7Value';

/**
 * One segment. It keeps its ER7 text and splits it into fields only when a field is first read,
 * so a segment nobody reads costs one string slice. Field numbers are the standard's: for MSH,
 * MSH-1 is the field separator itself and MSH-2 the encoding characters, so MSH-3 is the sending
 * application.
 */
export class Hl7Segment {
  private text: string | undefined;
  private parts: string[] | undefined;
  /**
   * Per field (by index into parts), where each repetition starts: found in one scan the first
   * time a repetition past the first is read, so reading all n repetitions costs one pass over
   * the field instead of n (100,000 PID-3 repetitions took 42 s to map when each read rescanned).
   */
  private repetitionStarts: (number[] | undefined)[] | undefined;
  /** MSH counts its first separator as field 1, so its text pieces are shifted by one. */
  private readonly shift: number;

  constructor(
    raw: string,
    readonly delimiters: Delimiters,
    /** Segment id such as `PID`; read from raw when omitted. */
    readonly id: string = raw.slice(0, 3),
    /** Where the segment starts in its input (0-based; in bytes when read by iterateHl7Bytes), when parsed. */
    readonly offset?: number,
    /** 1-based line of the segment in its input text, when parsed. */
    readonly line?: number,
  ) {
    this.text = raw;
    this.shift = id === 'MSH' ? 1 : 0;
  }

  /** The segment's ER7 text, without terminator. */
  get raw(): string {
    return (this.text ??= (this.parts as string[]).join(this.delimiters.field));
  }

  private split(): string[] {
    return (this.parts ??= (this.text as string).split(this.delimiters.field));
  }

  /** Number of the last field present (0 when the segment has only its id). */
  get fieldCount(): number {
    return this.split().length - 1 + this.shift;
  }

  /** The field's ER7 text, still escaped, or undefined past the last field. */
  fieldRaw(n: number): string | undefined {
    if (n < 1) return undefined;
    if (this.shift === 1 && n === 1) return this.delimiters.field;
    return this.split()[n - this.shift];
  }

  field(n: number): Hl7Field | undefined {
    const raw = this.fieldRaw(n);
    return raw === undefined ? undefined : new Hl7Field(raw, this.delimiters, this.shift === 1 && n <= 2);
  }

  /**
   * Decoded value at field n, repetition r, component c, subcomponent s (all 1-based), read straight
   * from the text without building field objects: the mapping engine's fast path.
   */
  value(n: number, r = 1, c = 1, s = 1): Hl7Value {
    const raw = this.fieldRaw(n);
    if (raw === undefined || raw.length === 0) return undefined;
    const d = this.delimiters;
    if (this.shift === 1 && n <= 2) return r === 1 && c === 1 && s === 1 ? raw : undefined;
    const rep = r === 1 ? firstPiece(raw, d.repetition) : this.laterRepetition(n - this.shift, raw, r);
    if (rep === undefined) return undefined;
    const comp = c === 1 ? firstPiece(rep, d.component) : nthPiece(rep, d.component, c);
    if (comp === undefined) return undefined;
    return leafValue(s === 1 ? firstPiece(comp, d.subcomponent) : nthPiece(comp, d.subcomponent, s), d);
  }

  /**
   * Repetition r (1-based) of field n as ER7 text, still escaped; undefined past the last one.
   * MSH-1 and MSH-2 are one repetition each. Reading every repetition in turn is linear overall.
   */
  repetitionRaw(n: number, r = 1): string | undefined {
    const raw = this.fieldRaw(n);
    if (raw === undefined) return undefined;
    if (this.shift === 1 && n <= 2) return r === 1 ? raw : undefined;
    return r === 1 ? firstPiece(raw, this.delimiters.repetition) : this.laterRepetition(n - this.shift, raw, r);
  }

  /** Repetition r ≥ 2 of the field at parts[index] (whose text is raw), through the cached starts. */
  private laterRepetition(index: number, raw: string, r: number): string | undefined {
    const cache = (this.repetitionStarts ??= new Array<number[] | undefined>(this.split().length));
    let starts = cache[index];
    if (starts === undefined) {
      const sep = this.delimiters.repetition;
      starts = [0];
      for (let at = raw.indexOf(sep); at !== -1; at = raw.indexOf(sep, at + 1)) starts.push(at + 1);
      cache[index] = starts;
    }
    if (r < 2 || r > starts.length) return undefined; // r < 2 only from a caller passing 0 or less
    return raw.slice(starts[r - 1], r === starts.length ? raw.length : starts[r] - 1);
  }

  /** Replace field n's ER7 text (already escaped). Fields before it are created empty. */
  setFieldRaw(n: number, raw: string): void {
    if (this.shift === 1 && n <= 2) {
      throw new CrosswalkError('HL7_BAD_PATH', 'MSH-1 and MSH-2 are the delimiters and cannot be set; create the message with the delimiters it should use.', { segmentId: this.id, field: n });
    }
    if (n < 1) throw new CrosswalkError('HL7_BAD_PATH', 'Field numbers start from 1.', { segmentId: this.id, field: n });
    const parts = this.split();
    const index = n - this.shift;
    while (parts.length <= index) parts.push('');
    parts[index] = raw;
    this.repetitionStarts = undefined;
    // Clearing the last field should not leave a trail of empty separators.
    if (raw.length === 0 && index === parts.length - 1) {
      while (parts.length > 1 + this.shift && parts[parts.length - 1] === '') parts.pop();
    }
    this.text = undefined;
  }
}
