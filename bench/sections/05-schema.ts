/**
 * Schema catalog: cold load (each figure the median over fresh Node processes, so nothing is
 * cached: reading the compact index from generated/schemas/ and building the tree), the whole
 * `crosswalk schema` command from dist/, and the validator's synchronous lookups once loaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BenchTable } from '../BenchSection';
import { measure, median } from '../measure';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';

const RUNS = 7;
const LOOKUPS = 100_000;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function coldLoad(what: string): { ms: number; nodes: number } {
  const runs: { ms: number; nodes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync('node', ['--import', 'tsx', 'bench/sections/schema/coldLoad.ts', what], { cwd: root, encoding: 'utf8' });
    runs.push(JSON.parse(out) as { ms: number; nodes: number });
  }
  return { ms: median(runs.map((r) => r.ms)), nodes: runs[0].nodes };
}

function processTime(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    execFileSync('node', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
  }
  return median(times);
}

async function lookups(): Promise<BenchTable> {
  const catalog = nodeSchemaCatalog(resolve(root, 'generated/schemas'));
  await catalog.preloadFhir(['Patient', 'Observation']);
  const cases: [string, () => unknown][] = [
    ["fhirChildren('Patient')", () => catalog.fhirChildren('Patient')],
    ["fhirChildren('Patient', 'Patient.contact')", () => catalog.fhirChildren('Patient', 'Patient.contact')],
    ["fhirElement('Observation', '...valueQuantity.unit')", () => catalog.fhirElement('Observation', 'Observation.value[x]:valueQuantity.unit')],
  ];
  return {
    title: `FHIR element lookups after preloadFhir (${LOOKUPS.toLocaleString('en')} calls, median of 9)`,
    columns: ['lookup', 'ns / call'],
    rows: cases.map(([label, call]) => {
      const { medianMs } = measure(() => { let last: unknown; for (let i = 0; i < LOOKUPS; i++) last = call(); return last; });
      return [label, ((medianMs * 1e6) / LOOKUPS).toFixed(0)];
    }),
  };
}

const section: BenchSection = {
  name: 'Schema catalog',
  async run(): Promise<BenchTable[]> {
    if (!existsSync(resolve(root, 'generated/schemas/stamp.json'))) {
      return [{ title: 'Schema catalog', columns: ['note'], rows: [['generated/schemas/ is missing; run npm run build first']] }];
    }
    const adt = coldLoad('adt');
    const patient = coldLoad('patient');
    const preload = coldLoad('preload');
    const rows: (string | number)[][] = [
      ['ADT_A01 v2.5.1, whole tree', adt.ms.toFixed(1), adt.nodes],
      ['FHIR R4 Patient, depth 2', patient.ms.toFixed(1), patient.nodes],
      ["preloadFhir(['Patient','Encounter','Observation'])", preload.ms.toFixed(1), ''],
    ];
    const notes = [`First call in a fresh process, median of ${RUNS} processes (bench/sections/schema/coldLoad.ts).`];
    if (existsSync(resolve(root, 'dist/runtime/cli.js'))) {
      rows.push(['process: crosswalk schema hl7v2 2.5.1 ADT_A01', processTime(['bin/crosswalk.js', 'schema', 'hl7v2', '2.5.1', 'ADT_A01', '--compact']).toFixed(0), '']);
      rows.push(['process: crosswalk schema fhir-r4 Patient', processTime(['bin/crosswalk.js', 'schema', 'fhir-r4', 'Patient', '--compact']).toFixed(0), '']);
      rows.push(['process: node -e "" (for scale)', processTime(['-e', '']).toFixed(0), '']);
      notes.push('process rows: whole command from start to exit, including Node start-up.');
    }
    return [{ title: 'Cold load', columns: ['what', 'ms', 'nodes'], rows, notes }, await lookups()];
  },
};

export default section;
