import type { Hl7Segment } from '../../hl7v2';

/** Where a compiled read is written in the spec: the map whose link or condition reads, and the path as that map writes it (`CX.4.2`). */
export interface ReadSite {
  map: string;
  path: string;
}

/**
 * Told of every read of the message while one message is mapped, by plans compiled with
 * `recordReads` (coverage asks; the runtime never does, and its plans have no recording code).
 * Positions are 1-based as in HL7; `component`/`subcomponent` undefined mean "from the start".
 */
export interface SourceReadSink {
  /**
   * A read of one repetition of a field: with `whole` everything below the component or
   * subcomponent given (a composite or list read), else the one leaf it names (component and
   * subcomponent 1 when not given).
   */
  read(site: ReadSite, segment: Hl7Segment, field: number, rep: number, component: number | undefined, subcomponent: number | undefined, whole: boolean): void;
  /** A map call applied `map` to an item: a segment (`field` 0) or one repetition of a field, or a component or subcomponent of it. */
  apply(map: string, segment: Hl7Segment, field: number, rep: number, component: number | undefined, subcomponent: number | undefined): void;
}
