/**
 * One message with very many repetitions of one field: the example bundle
 * examples/adt-a01-to-fhir.crosswalk.json maps a generated ADT^A01 whose PID-3 holds 10,000 and
 * then 100,000 identifiers (one Patient.identifier each). Time per repetition should be flat:
 * reading repetition r used to rescan the field from its start, which made 100,000 take 42 s.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BenchTable } from '../BenchSection';
import { measureInterleaved } from '../measure';
import { Random, generateAdtA01WithIdentifiers } from '../generate/index';
import { loadBundle } from '../../shared/common/bundle/index';
import { parseHl7 } from '../../shared/common/hl7v2/index';
import { compileWithCatalog, executeMapping } from '../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';

const BUNDLE = fileURLToPath(new URL('../../examples/adt-a01-to-fhir.crosswalk.json', import.meta.url));
const SIZES = [10_000, 100_000];

const section: BenchSection = {
  name: 'Mapping engine: one message with very many PID-3 repetitions',
  async run(): Promise<BenchTable[]> {
    const { spec } = loadBundle(readFileSync(BUNDLE, 'utf8'), 'examples/adt-a01-to-fhir.crosswalk.json');
    const { plan } = await compileWithCatalog(spec, nodeSchemaCatalog());
    const texts = SIZES.map((count) => generateAdtA01WithIdentifiers(new Random(20241124), 1, count));
    // Parse → map (trace off) → JSON text, as the runtime does per message; the output length is the checksum.
    const runs = measureInterleaved(texts.map((text) => () => JSON.stringify(executeMapping(plan, parseHl7(text)).bundle).length), { warmup: 2, repeats: 5 });
    const perRep = runs.map((run, k) => (run.medianMs * 1000) / SIZES[k]);
    return [{
      title: 'PID-3 with 10,000 and 100,000 repetitions → one Patient with as many identifiers (median of 5, interleaved)',
      columns: ['repetitions', 'ms/message', 'µs/repetition', 'output'],
      rows: SIZES.map((count, k) => [count.toLocaleString('en-US'), runs[k].medianMs.toFixed(0), perRep[k].toFixed(2), `${((runs[k].result as number) / 1e6).toFixed(1)}M chars`]),
      notes: [`ratio µs/repetition 100,000 / 10,000 = ${(perRep[1] / perRep[0]).toFixed(2)}  (flat ≈ 1: linear; 10 would be quadratic)`],
    }];
  },
};

export default section;
