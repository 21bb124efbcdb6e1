/**
 * What a context level binds, known at compile time: its depth in Frame.items, the segment id it
 * iterates (or whose field it iterates), and for a field context the field number. Source paths
 * compiled inside a chain of scopes read the bound segment and repetition instead of the first.
 */
export interface ContextScope {
  depth: number;
  link: string;
  segment: string;
  /** Set for a field-repetition context (`PID-3`), undefined for a segment context (`OBX`). */
  field?: number;
  /** The source path the context iterates, as written (`PV1-7[1]`, `OBX`). */
  source: string;
}
