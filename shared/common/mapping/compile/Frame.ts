import type { FunctionContext } from '../../functions/FunctionDefinition';
import type { Hl7Message, Hl7Segment } from '../../hl7v2';
import type { GroupInstance, MessageGroups } from '../../hl7v2/groups';
import type { JsonInput } from '../input/MappingInput';
import type { ValueIssue } from '../execute/valueIssues';
import type { Provenance } from '../trace/TraceEntry';
import type { SourceReadSink } from './SourceReadSink';

/**
 * The item an HL7 v2 context level iterates over: a segment occurrence, one repetition of a field
 * in a segment, or an instance of a group (then `segment` is its first segment).
 */
export interface SegmentItem {
  segment: Hl7Segment;
  /** 1-based field repetition, 0 for a segment or group item. */
  rep: number;
  group?: GroupInstance;
  /**
   * A repetition item's components, read once (readComposite) the first time a path below it is
   * read: a data type map reads many components of the repetition it was given, and scanning the
   * field's text again for each would cost more than the mapping.
   */
  parts?: unknown;
}

/** The item a JSON context level iterates over: one value the context's path selects, and where it is. */
export interface JsonItem {
  value: unknown;
  /** Its concrete path (`$.readings[1]`): what the trace names, and what tells two items apart. */
  path: string;
}

/** What a context level iterates: segments, repetitions and groups of an HL7 v2 message, or values of a JSON input. */
export type ContextItem = SegmentItem | JsonItem;

/** Whether two items are the same place in the input (items are made afresh by every enumeration). */
export function sameItem(a: ContextItem, b: ContextItem): boolean {
  if ('path' in a) return 'path' in b && a.path === b.path;
  return 'segment' in b && a.segment === b.segment && a.rep === b.rep && a.group === b.group;
}

/**
 * The state of one message's execution. `items[d]` is the current item of the context level at
 * depth d; it is overwritten as iteration proceeds (evaluation is depth-first), so iterating
 * costs no frame allocation.
 */
export interface Frame {
  /** The HL7 v2 message; for a JSON or CSV input a message without segments (no reader of such a plan looks at it). */
  message: Hl7Message;
  /** The JSON value of a JSON or CSV input. */
  json: JsonInput | undefined;
  /** What every function call of this message is given: the bundle's settings and MSH-7's offset (messageContext). */
  context: FunctionContext;
  items: ContextItem[];
  /**
   * References of the resources built so far, by the target's slot (its index in the message
   * map's targets): arrays rather than Maps keyed on the id, since a frame is made for every message.
   */
  references: Array<string[] | undefined>;
  /** For targets iterated by a context: the item each resource was built from (same order as references), by slot. */
  referenceItems: Array<ContextItem[] | undefined>;
  /** The message read against its structure; made on first use, only by mappings that use groups. */
  groups(): MessageGroups;
  /** Told of every read, when the plan was compiled with `recordReads` (coverage). */
  reads?: SourceReadSink;
  /** The resource being built (what a value issue belongs to). */
  building?: Record<string, unknown>;
  /** Values that could not be mapped and were left absent (`valueErrors: "absent"`), in order. */
  issues?: ValueIssue[];
  /** Context items a failure emptied of meaning (an extension without its value): not appended. */
  dropped?: WeakSet<object>;
}

/** A compiled reader of one value: from a source path, a node output or an expression. */
export type Evaluate = (frame: Frame, prov: Provenance | undefined) => unknown;
