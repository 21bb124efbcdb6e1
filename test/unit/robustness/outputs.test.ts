// Hostile and messy conditions around what `crosswalk run` leaves on disk and on its streams:
// reruns into folders that hold a previous run's outcomes, temporaries of crashed writers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from '../../../shared/common/bundle';
import { parseSpec } from '../../../shared/common/mapping';
import { adtTestSpec } from '../../../shared/node/fixtures/adtTestSpec';
import { readSample } from '../../../shared/node/fixtures/referenceFixtures';
import { runRun } from '../../../runtime/commands/run';
import { createRunSink } from '../../../runtime/run/sinks';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-outputs-'));
const bundlePath = join(dir, 'adt.crosswalk.json');
const good = readSample('fhirconverter_ADT-A01-01.hl7').replace(/^\uFEFF/, '');
const bad = 'MSH|^~~&|bad\rPID|1\r';

function quiet() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.resume();
  stderr.resume();
  return { stdout, stderr, stdin: Readable.from([]) };
}

const list = (folder: string): string[] => readdirSync(folder).sort();

beforeAll(() => {
  writeFileSync(bundlePath, serializeBundle(createBundle({
    metadata: { name: 'ADT test mapping', version: '1.0.0' },
    mapping: parseSpec(adtTestSpec()),
  })));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a rerun into the same --out and --errors', () => {
  it('keeps exactly one outcome per message when a message turns from success to failure and back', async () => {
    const base = join(dir, 'flip');
    mkdirSync(base);
    const input = join(base, 'in.hl7');
    const out = join(base, 'out');
    const errors = join(base, 'errors');
    writeFileSync(input, good + good + good);
    expect(await runRun(bundlePath, [input], { out, errors }, quiet())).toBe(0);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.2.json', 'in.hl7.3.json']);

    writeFileSync(input, good + bad + good);
    expect(await runRun(bundlePath, [input], { out, errors }, quiet())).toBe(1);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.3.json']);
    expect(list(errors)).toEqual(['in.hl7.2.error.json', 'in.hl7.2.hl7']);

    writeFileSync(input, good + good + good);
    expect(await runRun(bundlePath, [input], { out, errors }, quiet())).toBe(0);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.2.json', 'in.hl7.3.json']);
    expect(list(errors)).toEqual([]);
  });

  it('removes the outcomes of positions an input no longer has, and its whole-input failure once it reads again', async () => {
    const base = join(dir, 'shrink');
    mkdirSync(base);
    const input = join(base, 'in.hl7');
    const other = join(base, 'other.hl7');
    const out = join(base, 'out');
    const errors = join(base, 'errors');
    writeFileSync(input, good + good + bad + good + bad);
    writeFileSync(other, good + good + good + good + good);
    expect(await runRun(bundlePath, [input, other], { out, errors }, quiet())).toBe(1);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.2.json', 'in.hl7.4.json', ...[1, 2, 3, 4, 5].map((n) => `other.hl7.${n}.json`)]);
    expect(list(errors)).toEqual(['in.hl7.3.error.json', 'in.hl7.3.hl7', 'in.hl7.5.error.json', 'in.hl7.5.hl7']);
    // Files the run does not own stay, even when they look like its names.
    writeFileSync(join(out, 'notes.txt'), 'kept');
    writeFileSync(join(out, 'in.hl7.notes.json'), '{}');

    // Five messages become two: positions 3 to 5 are gone from both folders; other.hl7 is not rerun.
    writeFileSync(input, good + good);
    expect(await runRun(bundlePath, [input], { out, errors }, quiet())).toBe(0);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.2.json', 'in.hl7.notes.json', 'notes.txt', ...[1, 2, 3, 4, 5].map((n) => `other.hl7.${n}.json`)]);
    expect(list(errors)).toEqual([]);

    // The input disappears: its one outcome is the whole-input failure; its message outputs go.
    rmSync(input);
    expect(await runRun(bundlePath, [input, other], { out, errors }, quiet())).toBe(1);
    expect(list(out)).toEqual(['in.hl7.notes.json', 'notes.txt', ...[1, 2, 3, 4, 5].map((n) => `other.hl7.${n}.json`)]);
    expect(list(errors)).toEqual(['in.hl7.input.error.json']);

    // It is back with one message: the whole-input failure goes.
    writeFileSync(input, good);
    writeFileSync(other, good);
    expect(await runRun(bundlePath, [input, other], { out, errors, workers: '2' }, quiet())).toBe(0);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.notes.json', 'notes.txt', 'other.hl7.1.json']);
    expect(list(errors)).toEqual([]);
  });

  it('to stdout with --errors: a message that now maps loses its old failure report', async () => {
    const base = join(dir, 'stdout');
    mkdirSync(base);
    const input = join(base, 'in.hl7');
    const errors = join(base, 'errors');
    writeFileSync(input, bad + good);
    expect(await runRun(bundlePath, [input], { errors }, quiet())).toBe(1);
    expect(list(errors)).toEqual(['in.hl7.1.error.json', 'in.hl7.1.hl7']);
    writeFileSync(input, good + good);
    expect(await runRun(bundlePath, [input], { errors }, quiet())).toBe(0);
    expect(list(errors)).toEqual([]);
  });

  it('a run that stops before the end of an input keeps that input\'s later files', async () => {
    const out = join(dir, 'stopped');
    mkdirSync(out);
    for (const n of [1, 2, 3]) writeFileSync(join(out, `in.hl7.${n}.json`), '{}\n');
    const place = { file: join(dir, 'in.hl7'), position: 1 };
    const stopped = createRunSink({ ...quiet(), outDir: out, errorsDir: join(dir, 'stopped-errors') });
    await stopped.output(place, '{"resourceType":"Bundle"}');
    await stopped.close(false);
    expect(list(out)).toEqual(['in.hl7.1.json', 'in.hl7.2.json', 'in.hl7.3.json']);
    const finished = createRunSink({ ...quiet(), outDir: out, errorsDir: join(dir, 'stopped-errors') });
    await finished.output(place, '{"resourceType":"Bundle"}');
    await finished.close(true);
    expect(list(out)).toEqual(['in.hl7.1.json']);
  });
});

/** A script for a child process that starts writing `target` the way writeFileAtomic does, then acts. */
function halfWrite(target: string, then: string): string[] {
  const module = resolve('shared/node/studio/files/writeFileAtomic.ts');
  const script = `import { writeFileSync } from 'node:fs';
import { temporaryPath } from ${JSON.stringify(module)};
const temp = temporaryPath(${JSON.stringify(target)});
writeFileSync(temp, '{"resourceType":"Bun');
console.log(temp);
${then}`;
  return ['--import', 'tsx', '--input-type=module', '-e', script];
}

describe('temporaries of a writer that died mid-write', () => {
  it('are removed by the next run; a live process\'s temporary and other dot files stay', async () => {
    const base = join(dir, 'temps');
    const out = join(base, 'out');
    const errors = join(base, 'errors');
    mkdirSync(out, { recursive: true });
    mkdirSync(errors, { recursive: true });
    const input = join(base, 'in.hl7');
    writeFileSync(input, good);

    // A crash: the child is killed with its temporary written and not yet renamed.
    const crashed = spawnSync(process.execPath, halfWrite(join(out, 'in.hl7.1.json'), "process.kill(process.pid, 'SIGKILL');"), { encoding: 'utf8' });
    expect(crashed.signal).toBe('SIGKILL');
    const crashedTemp = crashed.stdout.trim();
    expect(existsSync(crashedTemp)).toBe(true);
    const crashedReport = spawnSync(process.execPath, halfWrite(join(errors, 'in.hl7.1.error.json'), "process.kill(process.pid, 'SIGKILL');"), { encoding: 'utf8' }).stdout.trim();

    // A live writer: another process still in the middle of its write.
    const live = spawn(process.execPath, halfWrite(join(out, 'other.hl7.1.json'), 'setInterval(() => {}, 1000);'), { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const liveTemp = await new Promise<string>((done) => { let text = ''; live.stdout.on('data', (chunk) => { text += String(chunk); if (text.includes('\n')) done(text.trim()); }); });
      // Our own pid, alive, but the file is two hours old: no write takes that long, so the pid was reused.
      const old = join(out, `.in.hl7.9.json.${process.pid}-0123456789ab.tmp`);
      writeFileSync(old, '');
      utimesSync(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
      writeFileSync(join(out, '.keep.tmp'), '');
      writeFileSync(join(out, '.in.hl7.1.json.tmp'), '');

      expect(await runRun(bundlePath, [input], { out, errors }, quiet())).toBe(0);
      expect(readdirSync(out).sort()).toEqual([liveTemp.slice(out.length + 1), '.in.hl7.1.json.tmp', '.keep.tmp', 'in.hl7.1.json'].sort());
      expect(existsSync(crashedTemp)).toBe(false);
      expect(existsSync(crashedReport)).toBe(false);
      expect(readdirSync(errors)).toEqual([]);
    } finally {
      live.kill('SIGKILL');
    }
  }, 60_000);
});
