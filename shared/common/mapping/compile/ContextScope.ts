import type { JsonStep } from '../../json/jsonPath';

/**
 * What a context level binds, known at compile time: its depth in Frame.items, the segment id it
 * iterates (or whose field it iterates), for a field context the field number, for a group
 * context the group path, for a JSON context the path it iterates. Source paths compiled inside a
 * chain of scopes read the bound segment, repetition, group instance or JSON item instead of the
 * message's first.
 */
export interface ContextScope {
  depth: number;
  /** The trace id of the link (or map call) that opened it. */
  link: string;
  /** The HL7 v2 segment it iterates or whose field it iterates; '' for a group or JSON context. */
  segment: string;
  /** Set for a field-repetition context (`PID-3`), undefined for a segment or group context. */
  field?: number;
  /** Set for a group context: the full group path (`PATIENT_RESULT.ORDER_OBSERVATION`). */
  group?: string;
  /** Set for a JSON context: the steps of the path it iterates (`$.readings`), in the message map's terms. */
  json?: readonly JsonStep[];
  /** The source path the context iterates, as the message map reads it (`PV1-7[1]`, `OBX`, `PATIENT_RESULT.ORDER_OBSERVATION`, `$.readings`). */
  source: string;
}
