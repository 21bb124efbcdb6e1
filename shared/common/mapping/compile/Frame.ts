import type { FunctionContext } from '../../functions/FunctionDefinition';
import type { Hl7Message, Hl7Segment } from '../../hl7v2';
import type { GroupInstance, MessageGroups } from '../../hl7v2/groups';
import type { Provenance } from '../trace/TraceEntry';

/**
 * The item a context level iterates over: a segment occurrence, one repetition of a field in a
 * segment, or an instance of a group (then `segment` is its first segment).
 */
export interface ContextItem {
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

/**
 * The state of one message's execution. `items[d]` is the current item of the context level at
 * depth d; it is overwritten as iteration proceeds (evaluation is depth-first), so iterating
 * costs no frame allocation.
 */
export interface Frame {
  message: Hl7Message;
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
}

/** A compiled reader of one value: from a source path, a node output or an expression. */
export type Evaluate = (frame: Frame, prov: Provenance | undefined) => unknown;
