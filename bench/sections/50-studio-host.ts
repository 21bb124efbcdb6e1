// The studio's host side, as the renderer sees it: the web host process from spawn to its ready
// line (part of "cold start to interactive"), and Studio API calls over real HTTP on 127.0.0.1
// (the same dispatcher Electron's IPC uses). Needs `npm run build` (dist/webhost/main.js).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BenchTable } from '../BenchSection';
import { engineBundleCodec } from '../../shared/node/studio/files/engineBundleCodec';
import { genderMapping } from '../../shared/node/studio/testing/genderMapping';
import { WorkspaceStore } from '../../shared/node/studio/workspace/WorkspaceStore';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const hostScript = join(root, 'dist', 'webhost', 'main.js');
const token = 'bench-token-0123456789abcdef';

interface Host { port: number; stop(): Promise<number> }

async function startHost(dataDir: string): Promise<{ host: Host; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [hostScript, '--port', '0'], { env: { ...process.env, CROSSWALK_TOKEN: token, CROSSWALK_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
  const readyMs = performance.now() - started;
  const stop = () => new Promise<number>((done) => {
    const t = performance.now();
    child.on('exit', () => done(performance.now() - t));
    child.kill('SIGTERM');
  });
  return { host: { port, stop }, readyMs };
}

async function call(port: number, method: string, args: unknown): Promise<unknown> {
  const reply = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-crosswalk-token': token }, body: JSON.stringify(args),
  });
  const envelope = await reply.json() as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ first: number; median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const sorted = [...times.slice(1)].sort((a, b) => a - b);
  return { first: times[0], median: sorted[Math.floor(sorted.length / 2)] ?? times[0], p95: sorted[Math.floor(sorted.length * 0.95)] ?? times[0] };
}

const ms = (v: number) => v.toFixed(1);

const section: BenchSection = {
  name: 'studio host',
  async run(): Promise<BenchTable[]> {
    if (!existsSync(hostScript)) {
      return [{ title: 'Studio host', columns: ['note'], rows: [['dist/webhost/main.js is missing; run npm run build first']] }];
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-host-'));
    try {
      const starts: number[] = [];
      const stops: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { host, readyMs } = await startHost(dataDir);
        starts.push(readyMs);
        stops.push(await host.stop());
      }
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

      const document = { metadata: { name: 'bench', version: '1' }, mapping: genderMapping(), tests: [] };
      const file = join(dataDir, 'bench.crosswalk.json');
      // The web host has no dialog, so by path it opens only a recent file and then saves back to
      // it: the file is put in the recent files as an earlier (Electron) session would have.
      writeFileSync(file, engineBundleCodec.serialize(document).text);
      const workspace = WorkspaceStore.open(join(dataDir, 'workspace.sqlite'));
      workspace.touchRecentFile(file, 'bench.crosswalk.json');
      workspace.close();
      const { host } = await startHost(dataDir);
      const { port } = host;
      const adt = readFileSync(resolve(root, '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');
      const rows: (string | number)[][] = [];
      const add = async (label: string, runs: number, fn: () => Promise<unknown>) => {
        const t = await timed(runs, fn);
        rows.push([label, runs, ms(t.first), ms(t.median), ms(t.p95)]);
      };
      await add('getAppInfo', 200, () => call(port, 'getAppInfo', {}));
      await add('loadSchemaTree ADT_A01 v2.5.1 whole tree', 20, () => call(port, 'loadSchemaTree', { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01', depth: 20 }));
      await add('loadSchemaTree Patient depth 2', 20, () => call(port, 'loadSchemaTree', { standard: 'fhir-r4', version: '4.0.1', structure: 'Patient', depth: 2, hideBoilerplate: true }));
      await add('loadSchemaTree expand Patient.name', 20, () => call(port, 'loadSchemaTree', { standard: 'fhir-r4', version: '4.0.1', structure: 'Patient', path: 'Patient.name', depth: 1 }));
      await add('listFunctions', 20, () => call(port, 'listFunctions', {}));
      await add('expandValueSet administrative-gender', 20, () => call(port, 'expandValueSet', { url: 'http://hl7.org/fhir/ValueSet/administrative-gender' }));
      await add('runPreview ADT^A01 (PID-8 → gender, traced, validated)', 50, () => call(port, 'runPreview', { document, input: adt, trace: true, validate: true }));
      await add('openBundle (read + verify hash)', 20, () => call(port, 'openBundle', { path: file }));
      await add('saveBundle (seal + atomic write)', 20, () => call(port, 'saveBundle', { path: file, bundle: document }));
      await add('setUiState + getUiState', 100, async () => { await call(port, 'setUiState', { key: 'k', value: { zoom: 1 } }); await call(port, 'getUiState', { key: 'k' }); });
      await host.stop();
      return [
        {
          title: 'Web host process',
          columns: ['step', 'median ms', 'min ms', 'max ms'],
          rows: [
            ['spawn → "Crosswalk studio ready" line', ms(median(starts)), ms(Math.min(...starts)), ms(Math.max(...starts))],
            ['SIGTERM → exit', ms(median(stops)), ms(Math.min(...stops)), ms(Math.max(...stops))],
          ],
          notes: ['5 launches of node dist/webhost/main.js --port 0 with a fresh workspace database.'],
        },
        {
          title: 'Studio API over HTTP (127.0.0.1, keep-alive fetch)',
          columns: ['call', 'runs', 'first ms', 'median ms', 'p95 ms'],
          rows,
          notes: ['"first" includes lazy loading (schema index files, compile); median and p95 exclude the first call.'],
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default section;
