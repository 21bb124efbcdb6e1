import type { Delimiters } from './Delimiters';
import { firstPiece, leafValue, type Hl7Value } from './Hl7Value';

/** One component of a field repetition; its subcomponents are split only when first asked for. */
export class Hl7Component {
  private subs: string[] | undefined;

  constructor(
    /** The component's ER7 text, still escaped. */
    readonly raw: string,
    private readonly d: Delimiters,
    /** MSH-1 and MSH-2 hold delimiters: never split or decoded. */
    private readonly atomic = false,
  ) {}

  private split(): string[] {
    return (this.subs ??= this.atomic ? [this.raw] : this.raw.split(this.d.subcomponent));
  }

  private leaf(raw: string | undefined): Hl7Value {
    if (this.atomic) return raw === undefined || raw.length === 0 ? undefined : raw;
    return leafValue(raw, this.d);
  }

  get subcomponentCount(): number {
    return this.raw.length === 0 ? 0 : this.split().length;
  }

  /** Decoded value of subcomponent s (1-based). */
  subcomponent(s: number): Hl7Value {
    return this.leaf(this.split()[s - 1]);
  }

  /** Decoded value of the first subcomponent. */
  get value(): Hl7Value {
    return this.atomic ? this.leaf(this.raw) : leafValue(firstPiece(this.raw, this.d.subcomponent), this.d);
  }

  /** Decoded values of every subcomponent. */
  values(): Hl7Value[] {
    return this.split().map((raw) => this.leaf(raw));
  }
}
