// Schema catalog cold load: each figure is the median over fresh Node processes, so nothing is
// cached; it covers reading the compact index from generated/schemas/ and building the tree.
// Also times the whole `crosswalk schema` command (process start to exit) from dist/.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = 7;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function coldLoad(what: string): { ms: number; nodes: number } {
  const runs: { ms: number; nodes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync('node', ['--import', 'tsx', 'bench/sections/schema/coldLoad.ts', what], { cwd: root, encoding: 'utf8' });
    runs.push(JSON.parse(out) as { ms: number; nodes: number });
  }
  return { ms: median(runs.map((r) => r.ms)), nodes: runs[0].nodes };
}

function wholeCommand(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    execFileSync('node', ['bin/crosswalk.js', 'schema', ...args, '--compact'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
  }
  return median(times);
}

export default async function schemaBench(): Promise<void> {
  if (!existsSync(resolve(root, 'generated/schemas/stamp.json'))) {
    console.log('schema: generated/schemas/ is missing; run npm run build first.');
    return;
  }
  const rows: [string, string, string][] = [];
  const adt = coldLoad('adt');
  rows.push(['ADT_A01 v2.5.1, whole tree (first load)', `${adt.ms.toFixed(1)} ms`, `${adt.nodes} nodes`]);
  const patient = coldLoad('patient');
  rows.push(['FHIR R4 Patient, depth 2 (first load)', `${patient.ms.toFixed(1)} ms`, `${patient.nodes} nodes`]);
  const preload = coldLoad('preload');
  rows.push(['preloadFhir Patient+Encounter+Observation', `${preload.ms.toFixed(1)} ms`, '']);
  if (existsSync(resolve(root, 'dist/runtime/cli.js'))) {
    rows.push(['crosswalk schema hl7v2 2.5.1 ADT_A01 (process)', `${wholeCommand(['hl7v2', '2.5.1', 'ADT_A01']).toFixed(0)} ms`, '']);
    rows.push(['crosswalk schema fhir-r4 Patient (process)', `${wholeCommand(['fhir-r4', 'Patient']).toFixed(0)} ms`, '']);
    rows.push(['node -e "" (bare process, for scale)', `${(() => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) { const s = performance.now(); execFileSync('node', ['-e', '']); times.push(performance.now() - s); }
      return median(times);
    })().toFixed(0)} ms`, '']);
  }
  console.log(`\nSchema catalog, cold load (median of ${RUNS} fresh processes)`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [label, time, extra] of rows) console.log(`  ${label.padEnd(width)}  ${time.padStart(9)}  ${extra}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await schemaBench();
