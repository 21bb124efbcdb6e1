/**
 * One valued leaf of a message with its canonical path. The canonical form always states the field
 * repetition (`PID-5[1]`), states the segment occurrence only when the segment id occurs more than
 * once in the message (`OBX[2]-5[1]`, and then also `OBX[1]-...`), and states a component or
 * subcomponent only when the element is actually split (`PID-5[1].1` when PID-5 has components,
 * `OBX-5[1]` when it has none). So the path mirrors what the message holds, and
 * `message.get(leaf.path)` returns `leaf.value`.
 */
export interface Hl7Leaf {
  path: string;
  /** Decoded value; null for the explicit HL7 null `""`. */
  value: string | null;
  /** 0-based index of the segment in the message. */
  segmentIndex: number;
  segment: string;
  occurrence: number;
  field: number;
  repetition: number;
  component: number;
  subcomponent: number;
}
