import type { Delimiters } from './Delimiters';
import { Hl7Component } from './Hl7Component';
import { firstPiece, leafValue, type Hl7Value } from './Hl7Value';

/** One repetition of a field; its components are split only when first asked for. */
export class Hl7Repetition {
  private comps: string[] | undefined;

  constructor(
    /** The repetition's ER7 text, still escaped. */
    readonly raw: string,
    private readonly d: Delimiters,
    /** MSH-1 and MSH-2 hold delimiters: never split or decoded. */
    private readonly atomic = false,
  ) {}

  private split(): string[] {
    return (this.comps ??= this.atomic ? [this.raw] : this.raw.split(this.d.component));
  }

  get componentCount(): number {
    return this.raw.length === 0 ? 0 : this.split().length;
  }

  component(c: number): Hl7Component | undefined {
    const raw = this.split()[c - 1];
    return raw === undefined ? undefined : new Hl7Component(raw, this.d, this.atomic);
  }

  /** Decoded value of the first subcomponent of the first component. */
  get value(): Hl7Value {
    if (this.atomic) return this.raw.length === 0 ? undefined : this.raw;
    return leafValue(firstPiece(firstPiece(this.raw, this.d.component), this.d.subcomponent), this.d);
  }
}
