import type { Delimiters } from './Delimiters';
import { Hl7Repetition } from './Hl7Repetition';
import { firstPiece, leafValue, type Hl7Value } from './Hl7Value';

/** One field of a segment; its repetitions are split only when first asked for. */
export class Hl7Field {
  private reps: string[] | undefined;

  constructor(
    /** The field's ER7 text, still escaped. */
    readonly raw: string,
    private readonly d: Delimiters,
    /** MSH-1 and MSH-2 hold delimiters: never split or decoded. */
    readonly atomic = false,
  ) {}

  private split(): string[] {
    return (this.reps ??= this.atomic ? [this.raw] : this.raw.split(this.d.repetition));
  }

  get repetitionCount(): number {
    return this.raw.length === 0 ? 0 : this.split().length;
  }

  repetition(r: number): Hl7Repetition | undefined {
    const raw = this.split()[r - 1];
    return raw === undefined ? undefined : new Hl7Repetition(raw, this.d, this.atomic);
  }

  repetitions(): Hl7Repetition[] {
    return this.split().map((raw) => new Hl7Repetition(raw, this.d, this.atomic));
  }

  /** Decoded value of the first leaf (repetition 1, component 1, subcomponent 1). */
  get value(): Hl7Value {
    if (this.atomic) return this.raw.length === 0 ? undefined : this.raw;
    const rep = firstPiece(this.raw, this.d.repetition);
    return leafValue(firstPiece(firstPiece(rep, this.d.component), this.d.subcomponent), this.d);
  }
}
