/**
 * The mapping engine end to end (parse → map → JSON text) on generated ADT^A01 messages, side by
 * side in one run: the compiled example bundle examples/adt-a01-to-fhir.crosswalk.json (trace
 * off), the same mapping written by hand in plain TypeScript (bench/handwritten/, the practical
 * limit), and the same mapping as one precompiled JSONata expression over the message converted
 * to JSON (bench/jsonata/, how JSONata-based engines run). Before timing, the three outputs are
 * checked equal on the first messages, so the comparison is of the same work.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { BenchSection, BenchTable } from '../BenchSection';
import { Random, generateAdtA01, generateOruR01 } from '../generate/index';
import { measureInterleaved } from '../measure';
import { adtA01ToFhir } from '../handwritten/adtA01ToFhir';
import { engineIds } from '../handwritten/engineIds';
import { compileJsonataMapper } from '../jsonata/adtA01ToFhirJsonata';
import { loadBundle } from '../../shared/common/bundle/index';
import { parseHl7 } from '../../shared/common/hl7v2/index';
import { writeJson } from '../../shared/common/json/writeJson';
import { compileWithCatalog, executeMapping } from '../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import { inlineEveryCall } from '../inlineEveryCall';

const COUNT = Number(process.env.BENCH_MAPPING_MESSAGES ?? 10000);
const GROWTH = [...new Set([1000, 2000, 5000, 10000].filter((n) => n < COUNT).concat(COUNT))];
const BUNDLE = fileURLToPath(new URL('../../examples/adt-a01-to-fhir.crosswalk.json', import.meta.url));
const ORU_BUNDLE = fileURLToPath(new URL('../../examples/oru-r01-to-observations.crosswalk.json', import.meta.url));
const collect = (globalThis as { gc?: () => void }).gc;

interface Pipeline {
  name: string;
  /** Parse, map and serialize one message; returns the output's length (a checksum). */
  one(text: string): number | Promise<number>;
  /** The output document, for the equality check. */
  output(text: string): unknown;
}

interface Run { ms: number; outputChars: number; peakRss: number; peakHeap: number }

/** Runs a pipeline over messages, sampling memory every 500 messages (garbage collected first when --expose-gc). */
async function runOnce(pipeline: Pipeline, messages: string[]): Promise<Run> {
  collect?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  sample();
  let outputChars = 0;
  const start = performance.now();
  for (let i = 0; i < messages.length; i++) {
    const n = pipeline.one(messages[i]);
    outputChars += typeof n === 'number' ? n : await n;
    if (i % 500 === 499) sample();
  }
  const ms = performance.now() - start;
  sample();
  return { ms, outputChars, peakRss, peakHeap };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const ids = engineIds;

let flatNote = '';

async function pipelines(): Promise<Pipeline[]> {
  const { spec } = loadBundle(readFileSync(BUNDLE, 'utf8'), 'examples/adt-a01-to-fhir.crosswalk.json');
  const catalog = nodeSchemaCatalog();
  const { plan } = await compileWithCatalog(spec, catalog);
  const flat = await inlineEveryCall(spec, catalog);
  const { plan: flatPlan } = await compileWithCatalog(flat.spec, catalog);
  const message = flat.spec.maps.find((m) => m.kind === 'message');
  flatNote = `flat: the example with ${flat.inlined} map calls inlined into its message map by the studio's Inline map (${message?.nodes.length ?? 0} nodes, ${message?.links.length ?? 0} links in one map; ${flat.left} calls Inline refuses stay calls).`;
  const timezone = spec.settings.defaultTimezone ?? 'Z';
  const jsonata = compileJsonataMapper(timezone);
  return [
    {
      // What the runtime writes: writeJson, which keeps a decimal's text (13.0, not 13).
      name: 'compiled example bundle (trace off)',
      one: (text) => writeJson(executeMapping(plan, parseHl7(text)).bundle).length,
      output: (text) => JSON.parse(JSON.stringify(executeMapping(plan, parseHl7(text)).bundle)),
    },
    {
      name: 'same links flat (calls inlined)',
      one: (text) => writeJson(executeMapping(flatPlan, parseHl7(text)).bundle).length,
      output: (text) => JSON.parse(JSON.stringify(executeMapping(flatPlan, parseHl7(text)).bundle)),
    },
    {
      name: 'hand-written TypeScript',
      one: (text) => {
        const message = parseHl7(text);
        return JSON.stringify(adtA01ToFhir(message, { ids: ids(message), defaultTimezone: timezone })).length;
      },
      output: (text) => {
        const message = parseHl7(text);
        return JSON.parse(JSON.stringify(adtA01ToFhir(message, { ids: ids(message), defaultTimezone: timezone })));
      },
    },
    {
      name: 'JSONata (precompiled, message → JSON per message)',
      one: async (text) => {
        const message = parseHl7(text);
        return JSON.stringify(await jsonata.map(message, ids(message))).length;
      },
      output: async (text) => {
        const message = parseHl7(text);
        return JSON.parse(JSON.stringify(await jsonata.map(message, ids(message))));
      },
    },
    {
      // The writer the runtime used before decimals kept their text: the cost of writeJson is the difference.
      name: 'compiled, written with JSON.stringify (13.0 → 13)',
      one: (text) => JSON.stringify(executeMapping(plan, parseHl7(text)).bundle).length,
      output: (text) => JSON.parse(JSON.stringify(executeMapping(plan, parseHl7(text)).bundle)),
    },
  ];
}

/**
 * The JSON writer on outputs that hold decimals: the ORU example on generated ORU^R01 messages,
 * whose NM results are written with one decimal (13.0 stays 13.0). writeJson takes its own path
 * for an output with a Decimal; the rows say what that costs against JSON.stringify.
 */
async function decimalWriter(count: number): Promise<BenchTable> {
  const { spec } = loadBundle(readFileSync(ORU_BUNDLE, 'utf8'), 'examples/oru-r01-to-observations.crosswalk.json');
  const { plan } = await compileWithCatalog(spec, nodeSchemaCatalog());
  const rng = new Random(20251107);
  const messages = Array.from({ length: count }, (_, i) => generateOruR01(rng, i + 1));
  const outputs = messages.map((text) => executeMapping(plan, parseHl7(text)).bundle);
  const withDecimals = outputs.filter((o) => writeJson(o) !== JSON.stringify(o)).length;
  const chars = (write: (o: unknown) => string) => () => outputs.reduce((n, o) => n + write(o).length, 0);
  const endToEnd = (write: (o: unknown) => string) => () => messages.reduce((n, text) => n + write(executeMapping(plan, parseHl7(text)).bundle).length, 0);
  const [stringify, own, stringifyAll, ownAll] = measureInterleaved([chars(JSON.stringify), chars(writeJson), endToEnd(JSON.stringify), endToEnd(writeJson)], { warmup: 2, repeats: 7 });
  const perMessage = (ms: number): string => `${((ms * 1000) / count).toFixed(1)} µs`;
  return {
    title: `JSON writer on outputs with decimals: ${count.toLocaleString('en-US')} generated ORU^R01 through the ORU example, ${withDecimals.toLocaleString('en-US')} of them with a decimal like 13.0 (median of 7, interleaved)`,
    columns: ['what', 'per message', 'messages/s'],
    rows: [
      ['JSON.stringify (13.0 written 13)', perMessage(stringify.medianMs), fmt((count / stringify.medianMs) * 1000)],
      ['writeJson (13.0 written 13.0)', perMessage(own.medianMs), fmt((count / own.medianMs) * 1000)],
      ['parse → map → JSON.stringify', perMessage(stringifyAll.medianMs), fmt((count / stringifyAll.medianMs) * 1000)],
      ['parse → map → writeJson (the runtime)', perMessage(ownAll.medianMs), fmt((count / ownAll.medianMs) * 1000)],
    ],
    notes: [
      `writer alone: writeJson / JSON.stringify time = ${(own.medianMs / stringify.medianMs).toFixed(2)} (an output without a Decimal is JSON.stringify's own text, with a counter)`,
      `end to end: messages/s with writeJson / with JSON.stringify = ${(stringifyAll.medianMs / ownAll.medianMs).toFixed(2)}`,
    ],
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);

const section: BenchSection = {
  name: 'Mapping engine: ADT^A01 → FHIR R4 transaction Bundle',
  async run(): Promise<BenchTable[]> {
    const rng = new Random(20241124);
    const messages = Array.from({ length: COUNT }, (_, i) => generateAdtA01(rng, i + 1));
    const bytes = messages.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
    const list = await pipelines();

    // Same work or no comparison: the outputs must be equal.
    for (const text of messages.slice(0, 50)) {
      const [compiled, ...others] = await Promise.all(list.map((p) => p.output(text)));
      const differs = others.findIndex((o) => !isDeepStrictEqual(compiled, o));
      if (differs >= 0) {
        throw new Error(`The compiled mapping and "${list[differs + 1].name}" disagree on a generated message; fix them before comparing speed.`);
      }
    }

    // Warm up (JIT) on 1,000 messages, then interleave full runs so load changes fall on all alike.
    const warm = messages.slice(0, 1000);
    const slow = (p: Pipeline): boolean => p.name.startsWith('JSONata');
    for (const p of list) for (let i = 0; i < (slow(p) ? 1 : 3); i++) await runOnce(p, warm);
    // JSONata takes minutes per 10k on a busy machine; its ratio is far from the line, so 2 runs do.
    const repeats = list.map((p) => (slow(p) ? 2 : 7));
    const runs: Run[][] = list.map(() => []);
    for (let round = 0; round < Math.max(...repeats); round++) {
      for (let k = 0; k < list.length; k++) if (round < repeats[k]) runs[k].push(await runOnce(list[k], messages));
    }

    const rate = runs.map((r) => (COUNT / median(r.map((x) => x.ms))) * 1000);
    const rows = list.map((p, k) => {
      const ms = median(runs[k].map((x) => x.ms));
      return [
        p.name,
        fmt(rate[k]),
        ((bytes / 1e6 / ms) * 1000).toFixed(1),
        ms.toFixed(0),
        mb(Math.max(...runs[k].map((x) => x.peakRss))),
        mb(Math.max(...runs[k].map((x) => x.peakHeap))),
        `${(runs[k][0].outputChars / 1e6).toFixed(1)}M chars`,
      ];
    });

    // How time grows with the number of messages: every size measured the same way, sizes and
    // pipelines interleaved, median of 5 rounds (JSONata: one round below the full count, whose
    // runs above stand for it: at ~5 ms per message its per-message time is steady).
    const growth: number[][][] = list.map(() => GROWTH.map(() => []));
    for (let round = 0; round < 5; round++) {
      for (const [k, p] of list.entries()) {
        if (slow(p) && round > 0) continue;
        for (const [g, n] of GROWTH.entries()) {
          if (slow(p) && n === COUNT) continue;
          growth[k][g].push((await runOnce(p, messages.slice(0, n))).ms);
        }
      }
    }
    const growthRows: (string | number)[][] = list.map((p, k) => [
      p.name,
      ...GROWTH.map((n, g) => {
        const ms = median(growth[k][g].length > 0 ? growth[k][g] : runs[k].map((x) => x.ms));
        return `${ms.toFixed(0)} ms (${((ms * 1000) / n).toFixed(1)} µs/msg)`;
      }),
    ]);

    const ratioFlat = rate[0] / rate[1];
    const ratioHand = rate[0] / rate[2];
    const ratioJsonata = rate[0] / rate[3];
    const ratioWriter = rate[0] / rate[4];
    return [
      {
        title: `End to end (parse → map → JSON text), ${COUNT.toLocaleString('en-US')} generated ADT^A01 messages, ${(bytes / 1e6).toFixed(1)} MB (median of ${repeats[0]} runs, JSONata ${repeats[3]}, after warm-up; runs interleaved)`,
        columns: ['pipeline', 'messages/s', 'MB/s', 'ms/run', 'peak RSS MB', 'peak heap MB', 'output'],
        rows,
        notes: [
          'All produce the same Bundle (checked on the first 50 messages before timing): Patient with its contact, Encounter with its diagnosis, Locations, Practitioners, AllergyIntolerances, a Condition (DG1), a RelatedPerson (NK1).',
          'The generated messages carry no PR1, IN1 or PD1 (the JSONata mapper refuses them; the hand-written one is checked on them against the reference samples).',
          'compiled: loadBundle + compileMapping once, then per message parseHl7 → executeMapping (trace off) → writeJson (the runtime\'s writer: a decimal keeps its text).',
          flatNote,
          'compiled, JSON.stringify: the same, written as before issue 10; these ADT messages hold no decimal, so writeJson writes JSON.stringify\'s own text (the table below has decimals).',
          'hand-written: parseHl7 → bench/handwritten/adtA01ToFhir.ts (plain TypeScript on the codec\'s fast read path) → JSON.stringify.',
          'JSONata: parseHl7 → the whole message to JSON (as JSONata engines feed it) → a precompiled jsonata 2 expression → JSON.stringify.',
          'Memory: process.memoryUsage() sampled every 500 messages; peak heap includes the input strings the benchmark holds.',
          '',
          `ratio maps / flat             = ${ratioFlat.toFixed(2)}  (target >= 0.95: splitting into maps costs no speed)`,
          `ratio compiled / hand-written = ${ratioHand.toFixed(2)}  (target >= 0.70)`,
          `ratio compiled / JSONata      = ${ratioJsonata.toFixed(1)}x  (target >= 20x)`,
          `ratio writeJson / JSON.stringify (compiled) = ${ratioWriter.toFixed(2)}`,
        ],
      },
      await decimalWriter(Math.min(COUNT, 5000)),
      {
        title: 'Growth from 1k to 10k messages (time per batch; flat µs/msg means linear)',
        columns: ['pipeline', ...GROWTH.map((n) => `${n.toLocaleString('en-US')} msgs`)],
        rows: growthRows,
      },
    ];
  },
};

export default section;
