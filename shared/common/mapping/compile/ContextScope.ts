/**
 * What a context level binds, known at compile time: its depth in Frame.items, the segment id it
 * iterates (or whose field it iterates), for a field context the field number, for a group
 * context the group path. Source paths compiled inside a chain of scopes read the bound segment,
 * repetition or group instance instead of the message's first.
 */
export interface ContextScope {
  depth: number;
  /** The trace id of the link (or map call) that opened it. */
  link: string;
  segment: string;
  /** Set for a field-repetition context (`PID-3`), undefined for a segment or group context. */
  field?: number;
  /** Set for a group context: the full group path (`PATIENT_RESULT.ORDER_OBSERVATION`). */
  group?: string;
  /** The source path the context iterates, as the message map reads it (`PV1-7[1]`, `OBX`, `PATIENT_RESULT.ORDER_OBSERVATION`). */
  source: string;
}
