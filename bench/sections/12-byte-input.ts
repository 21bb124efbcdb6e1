/**
 * What reading input files as bytes costs (`crosswalk run` and `inspect`): iterateHl7Bytes (split
 * on bytes, each message decoded by its MSH-18) against the earlier way, one TextDecoder call over
 * the whole file and iterateHl7Batch on the text, on the same files. Three files: all ASCII (most
 * feeds), UTF-8 (the generator's names: García, Müller, Zoë...), and the same names in ISO 8859-1
 * declared in every MSH-18.
 */
import type { BenchSection, BenchTable } from '../BenchSection';
import { measureInterleaved } from '../measure';
import { generateMessages } from '../generate/index';
import { iterateHl7Batch, iterateHl7Bytes } from '../../shared/common/hl7v2/index';
import { hl7ReadOptions } from '../../runtime/io/hl7ReadOptions';

const COUNT = Number(process.env.BENCH_BYTES_MESSAGES ?? 10000);

/** MSH-18 set to `charset` (the MSH line is split on |, so index 17 is MSH-18). */
function withCharset(message: string, charset: string): string {
  const end = message.indexOf('\r');
  const fields = message.slice(0, end).split('|');
  while (fields.length < 18) fields.push('');
  fields[17] = charset;
  return fields.join('|') + message.slice(end);
}

/** The message with its letters stripped of accents, and anything else but printable ASCII and CR as ?. */
const ascii = (message: string): string => message.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^ -~\r]/g, '?');

/** The earlier path: the whole file decoded once (Latin-1 when it is not UTF-8), then split and parsed as text. */
function asText(bytes: Uint8Array): number {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  let segments = 0;
  for (const item of iterateHl7Batch(text)) segments += item.message?.segments.length ?? 0;
  return segments;
}

function asBytes(bytes: Uint8Array, options: Parameters<typeof iterateHl7Bytes>[1] = hl7ReadOptions): number {
  let segments = 0;
  for (const item of iterateHl7Bytes(bytes, options)) segments += item.message?.segments.length ?? 0;
  return segments;
}

const section: BenchSection = {
  name: 'Reading input bytes',
  run(): BenchTable[] {
    const messages = generateMessages(COUNT);
    const files: [string, Uint8Array][] = [
      ['ASCII', Buffer.from(messages.map(ascii).join(''), 'latin1')],
      ['UTF-8', Buffer.from(messages.join(''), 'utf8')],
      ['8859/1 in MSH-18', Buffer.from(messages.map((m) => withCharset(m, '8859/1')).join(''), 'latin1')],
    ];
    // The pure-TypeScript Latin-1 loop, as in a browser (the studio's sample editor), on the UTF-8 file.
    const { decoders } = hl7ReadOptions;
    const workloads = files.flatMap(([name, bytes]): [string, () => number, number][] => [
      [`${name}: whole-file decode + iterateHl7Batch`, () => asText(bytes), bytes.length],
      [`${name}: iterateHl7Bytes`, () => asBytes(bytes), bytes.length],
    ]).concat([[`UTF-8: iterateHl7Bytes without the latin1 hook`, () => asBytes(files[1][1], { decoders }), files[1][1].length]]);
    const measured = measureInterleaved(workloads.map(([, fn]) => fn));
    const rows = workloads.map(([name, , bytes], k) => {
      const m = measured[k];
      const baseline = k < 6 ? measured[k - (k % 2)] : measured[2];
      const ratio = k % 2 === 1 || k === 6 ? (baseline.medianMs / m.medianMs).toFixed(2) : '';
      return [name, ((bytes / 1e6 / m.medianMs) * 1000).toFixed(1), m.medianMs.toFixed(1), ratio, `${String(m.result)} segments`];
    });
    return [{
      title: `Split + parse of ${COUNT.toLocaleString('en-US')} generated ADT^A01 + ORU^R01 messages from bytes (median of 9 runs after 3 warm-ups, interleaved)`,
      columns: ['file, path', 'MB/s', 'ms/run', 'speed vs text path', 'check'],
      rows,
      notes: [
        'whole-file decode: the earlier runtime path (one decode for the whole file; a file that is not UTF-8 was decoded as Latin-1 whole, whatever MSH-18 said).',
        'iterateHl7Bytes: split on bytes, then each message decoded in its own MSH-18 set (a message that is all ASCII is not decoded at all).',
        'speed vs text path above 1 is faster than the earlier path; the check column counts the segments parsed (equal: no message failed).',
      ],
    }];
  },
};

export default section;
