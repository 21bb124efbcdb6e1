/**
 * Quick A/B for engine speed work: the compiled example bundle against the hand-written mapper on
 * the same generated ADT^A01 messages, interleaved, median and fastest of 7 (bench/sections/30-mapping.ts is
 * the full report). `node --expose-gc --import tsx bench/abMapping.ts [count] [--profile]`;
 * --profile runs only the compiled pipeline, for `node --cpu-prof`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Random, generateAdtA01 } from './generate/index';
import { measureInterleaved } from './measure';
import { adtA01ToFhir } from './handwritten/adtA01ToFhir';
import { engineIds } from './handwritten/engineIds';
import { loadBundle } from '../shared/common/bundle/index';
import { parseHl7 } from '../shared/common/hl7v2/index';
import { writeJson } from '../shared/common/json/writeJson';
import { compileWithCatalog, executeMapping } from '../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../shared/node/schema/index';

const count = Number(process.argv[2] ?? 3000);
const profile = process.argv.includes('--profile');
const BUNDLE = fileURLToPath(new URL('../examples/adt-a01-to-fhir.crosswalk.json', import.meta.url));
const { spec } = loadBundle(readFileSync(BUNDLE, 'utf8'), 'examples/adt-a01-to-fhir.crosswalk.json');
const { plan } = await compileWithCatalog(spec, nodeSchemaCatalog());
const timezone = spec.settings.defaultTimezone ?? 'Z';
const rng = new Random(20241124);
const messages = Array.from({ length: count }, (_, i) => generateAdtA01(rng, i + 1));

const compiled = (): number => messages.reduce((n, text) => n + writeJson(executeMapping(plan, parseHl7(text)).bundle).length, 0);
const handWritten = (): number => messages.reduce((n, text) => {
  const message = parseHl7(text);
  return n + JSON.stringify(adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: timezone })).length;
}, 0);

if (profile) {
  for (let i = 0; i < 5; i++) compiled();
} else {
  const [c, h] = measureInterleaved([compiled, handWritten], { warmup: 2, repeats: 7 });
  const rate = (ms: number): string => Math.round((count / ms) * 1000).toLocaleString('en-US');
  // The fastest run too: load from other processes only ever adds time, so on a busy machine it is the steadier figure.
  const best = (m: { runsMs: number[] }): number => Math.min(...m.runsMs);
  console.log(`median: compiled ${rate(c.medianMs)} msg/s, hand-written ${rate(h.medianMs)} msg/s, ratio ${(h.medianMs / c.medianMs).toFixed(2)}; fastest: ratio ${(best(h) / best(c)).toFixed(2)}`);
}
