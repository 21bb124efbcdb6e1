/**
 * HL7 v2 parse throughput, side by side in one run: a naive split on every delimiter (the floor:
 * no escapes, no model, not lossless), this codec, and @medplum/core's Hl7Message.parse.
 */
import { Hl7Message as MedplumMessage } from '@medplum/core';
import type { BenchSection, BenchTable } from '../BenchSection';
import { measureInterleaved } from '../measure';
import { generateMessages } from '../generate/index';
import { parseHl7, type Hl7Message } from '../../shared/common/hl7v2/index';

const COUNT = Number(process.env.BENCH_CODEC_MESSAGES ?? 10000);

/** A typical mapping's reads: header, patient identity, visit, first order and result. */
const PATHS = ['MSH-7', 'MSH-9.1', 'MSH-9.2', 'MSH-10', 'MSH-12', 'PID-3.1', 'PID-3.5', 'PID-3[2].1', 'PID-5.1', 'PID-5.2', 'PID-7', 'PID-8', 'PID-11.1', 'PID-11.3', 'PID-11.5', 'PV1-2', 'PV1-3.1', 'PV1-7.2', 'OBR-4.1', 'OBX-5'];

/** The same reads in medplum's API: getComponent(field, component, subcomponent 0-based, repetition 0-based). */
const MEDPLUM_PATHS: [string, number, number, number][] = PATHS.map((p) => {
  const m = /^([A-Z0-9]{3})-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?$/.exec(p) as RegExpExecArray;
  return [m[1], Number(m[2]), Number(m[4] ?? 1), Number(m[3] ?? 1) - 1];
});

/** The floor: split on every delimiter with plain loops, no model, no escapes, no closures. */
function naive(messages: string[]): number {
  let leaves = 0;
  for (const text of messages) {
    const segments = text.split('\r');
    for (let i = 0; i < segments.length; i++) {
      const fields = segments[i].split('|');
      for (let f = 1; f < fields.length; f++) {
        const reps = fields[f].split('~');
        for (let r = 0; r < reps.length; r++) {
          const comps = reps[r].split('^');
          for (let c = 0; c < comps.length; c++) {
            const subs = comps[c].split('&');
            for (let k = 0; k < subs.length; k++) if (subs[k].length > 0) leaves++;
          }
        }
      }
    }
  }
  return leaves;
}

function codecParseOnly(messages: string[]): number {
  let segments = 0;
  for (const text of messages) segments += parseHl7(text).segments.length;
  return segments;
}

/** Every leaf decoded, through the navigation API a mapping uses. */
function codecEveryLeaf(messages: string[]): number {
  let leaves = 0;
  for (const text of messages) {
    const message: Hl7Message = parseHl7(text);
    message.forEachLeaf(() => {
      leaves++;
    });
  }
  return leaves;
}

function codecLeavesWithPaths(messages: string[]): number {
  let leaves = 0;
  for (const text of messages) leaves += parseHl7(text).leaves().length;
  return leaves;
}

function codecPaths(messages: string[]): number {
  let found = 0;
  for (const text of messages) {
    const message = parseHl7(text);
    for (const path of PATHS) if (message.get(path) !== undefined) found++;
  }
  return found;
}

function medplumParseOnly(messages: string[]): number {
  let segments = 0;
  for (const text of messages) segments += MedplumMessage.parse(text).segments.length;
  return segments;
}

function medplumEveryLeaf(messages: string[]): number {
  let leaves = 0;
  for (const text of messages) {
    const message = MedplumMessage.parse(text);
    for (const segment of message.segments) {
      for (let f = 1; f < segment.fields.length; f++) {
        for (const rep of segment.fields[f].components) for (const comp of rep) for (const sub of comp.split('&')) if (sub.length > 0) leaves++;
      }
    }
  }
  return leaves;
}

function medplumPaths(messages: string[]): number {
  let found = 0;
  for (const text of messages) {
    const message = MedplumMessage.parse(text);
    for (const [id, field, component, repetition] of MEDPLUM_PATHS) {
      if (message.getSegment(id)?.getComponent(field, component, 0, repetition)) found++;
    }
  }
  return found;
}

const section: BenchSection = {
  name: 'HL7 v2 codec',
  run(): BenchTable[] {
    const messages = generateMessages(COUNT);
    const bytes = messages.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
    const workloads: [string, (m: string[]) => number, string][] = [
      ['naive split on \\r | ~ ^ & (floor)', naive, 'leaves'],
      ['codec: parse only (lazy)', codecParseOnly, 'segments'],
      ['codec: parse + every leaf decoded', codecEveryLeaf, 'leaves'],
      ['codec: parse + 20 typical paths', codecPaths, 'values'],
      ['codec: parse + leaves() with paths', codecLeavesWithPaths, 'leaves'],
      ['medplum: Hl7Message.parse only', medplumParseOnly, 'segments'],
      ['medplum: parse + every leaf (raw)', medplumEveryLeaf, 'leaves'],
      ['medplum: parse + 20 typical paths', medplumPaths, 'values'],
    ];
    const rate = new Map<string, number>();
    const measured = measureInterleaved(workloads.map(([, fn]) => () => fn(messages)));
    const rows = workloads.map(([name, , unit], k) => {
      const m = measured[k];
      const perSecond = (COUNT / m.medianMs) * 1000;
      rate.set(name, perSecond);
      return [name, Math.round(perSecond).toLocaleString('en-US'), ((bytes / 1e6 / m.medianMs) * 1000).toFixed(1), m.medianMs.toFixed(1), `${String(m.result)} ${unit}`];
    });
    const ratio = (a: string, b: string): string => ((rate.get(a) as number) / (rate.get(b) as number)).toFixed(2);
    return [
      {
        title: `Parse throughput, ${COUNT.toLocaleString('en-US')} generated ADT^A01 + ORU^R01 messages, ${(bytes / 1e6).toFixed(1)} MB (median of 9 runs after 3 warm-ups, workloads interleaved)`,
        columns: ['workload', 'messages/s', 'MB/s', 'ms/run', 'check'],
        rows,
        notes: [
          'naive: split() on every delimiter in plain loops, counting non-empty leaves; no escapes decoded, no model, nothing lossless.',
          'codec every leaf: parseHl7 + forEachLeaf, every value decoded (escapes, "" null); lossless model.',
          'codec 20 paths: parseHl7 + message.get() of 20 paths (MSH/PID/PV1/OBR/OBX), decoded.',
          'medplum: Hl7Message.parse (eager split into fields and components); its getComponent does not decode escapes, so it does less work.',
          '',
          `ratio codec(every leaf) / naive   = ${ratio('codec: parse + every leaf decoded', 'naive split on \\r | ~ ^ & (floor)')}  (target >= 0.5)`,
          `ratio codec(20 paths)   / naive   = ${ratio('codec: parse + 20 typical paths', 'naive split on \\r | ~ ^ & (floor)')}`,
          `ratio codec(every leaf) / medplum = ${ratio('codec: parse + every leaf decoded', 'medplum: parse + every leaf (raw)')}  (target > 1)`,
          `ratio codec(20 paths)   / medplum = ${ratio('codec: parse + 20 typical paths', 'medplum: parse + 20 typical paths')}  (target > 1)`,
          `ratio codec(parse only) / medplum = ${ratio('codec: parse only (lazy)', 'medplum: Hl7Message.parse only')}`,
        ],
      },
    ];
  },
};

export default section;
