import type { Hl7Message } from '../../shared/common/hl7v2/Hl7Message';

export type JsonComponent = string | { [sub: string]: string };
export type JsonRepetition = { [component: string]: JsonComponent };
export type JsonSegment = { [field: string]: JsonRepetition[] };
export type JsonMessage = { [segmentId: string]: JsonSegment[] };

/**
 * The whole parsed message as one JSON document, the way JSONata-based engines feed HL7 v2 to an
 * expression: segments by id (each a list of occurrences), fields `F1`…, repetitions as lists,
 * components `C1`…, and a component with subcomponents as `{ S1, S2, … }`. Values are decoded;
 * empty leaves are left out. Every field of every segment is converted, read or not: that is
 * the cost this style of engine pays per message.
 */
export function messageToJson(message: Hl7Message): JsonMessage {
  const d = message.delimiters;
  const out: JsonMessage = Object.create(null) as JsonMessage;
  for (const segment of message.segments) {
    const seg: JsonSegment = {};
    for (let f = 1, n = segment.fieldCount; f <= n; f++) {
      const field = segment.field(f);
      if (field === undefined || field.raw.length === 0) continue;
      if (segment.id === 'MSH' && f <= 2) {
        seg[`F${f}`] = [{ C1: field.raw }];
        continue;
      }
      const reps: JsonRepetition[] = [];
      for (let r = 1, rc = field.repetitionCount; r <= rc; r++) {
        const rep = field.repetition(r);
        const json: JsonRepetition = {};
        if (rep !== undefined) {
          for (let c = 1, cc = rep.componentCount; c <= cc; c++) {
            const comp = rep.component(c);
            if (comp === undefined || comp.raw.length === 0) continue;
            if (comp.raw.includes(d.subcomponent)) {
              const subs: { [sub: string]: string } = {};
              comp.values().forEach((v, i) => {
                if (typeof v === 'string') subs[`S${i + 1}`] = v;
              });
              json[`C${c}`] = subs;
            } else {
              const v = comp.value;
              if (typeof v === 'string') json[`C${c}`] = v;
            }
          }
        }
        reps.push(json);
      }
      seg[`F${f}`] = reps;
    }
    (out[segment.id] ??= []).push(seg);
  }
  return out;
}
