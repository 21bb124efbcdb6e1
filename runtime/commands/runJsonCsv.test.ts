import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, loadBundle, serializeBundle } from '../../shared/common/bundle';
import { buildHomeBloodPressureCsv } from '../../examples/src/homeBloodPressure';
import { captureIo } from './captureIo';
import { runRun } from './run';
import { runShow } from './show';
import { runTest } from './test';

// `crosswalk run` and `crosswalk test` on JSON, NDJSON and CSV files, with the home blood-pressure example.
const example = resolve('examples/home-blood-pressure-to-fhir.crosswalk.json');
const samples = resolve('examples/samples/home-blood-pressure');
const dir = mkdtempSync(join(tmpdir(), 'crosswalk-json-'));
const csvBundle = join(dir, 'home-bp-csv.crosswalk.json');
const week = readFileSync(join(samples, 'week-mmhg.json'), 'utf8');
const weekCsv = readFileSync(join(samples, 'week-mmhg.csv'), 'utf8');
/** The example's own expected output for the week of readings (its first test case). */
const expectedWeek = loadBundle(readFileSync(example, 'utf8')).content.tests[0].expected as { entry: Array<{ fullUrl: string; resource: Record<string, unknown> }> };
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), ...args], { encoding: 'utf8', input, cwd: process.cwd(), timeout: 60_000 });

/** One reading per line, as a monitor's app streams them: the example's readings without the export around them. */
const readingLines = (JSON.parse(week) as { readings: unknown[]; patientId: string; device: unknown }).readings.slice(0, 3)
  .map((reading) => JSON.stringify({ patientId: 'K-0042917', device: (JSON.parse(week) as { device: unknown }).device, readings: [reading] }));

beforeAll(() => {
  writeFileSync(csvBundle, serializeBundle(createBundle({ metadata: { name: 'Home BP CSV', version: '1.0.0' }, mapping: buildHomeBloodPressureCsv(weekCsv) })));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crosswalk run on JSON', () => {
  it('the real CLI maps a .json file to one NDJSON line: the example\'s expected Bundle', () => {
    const result = cli(['run', '--validate', example, join(samples, 'week-mmhg.json')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expectedWeek);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('NDJSON: a bad line fails alone with its line and column; the others map; its copy in --errors runs again as it failed', async () => {
    const folder = join(dir, 'ndjson');
    mkdirSync(folder);
    const input = join(folder, 'readings.ndjson');
    const broken = readingLines[1].replace('"systolic":121,', '"systolic":121,,');
    writeFileSync(input, `${readingLines[0]}\n${broken}\n${readingLines[2]}\n`);
    const out = join(dir, 'ndjson-out');
    const c = captureIo();
    expect(await runRun(example, [input], { out }, c.io)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['readings.ndjson.1.json', 'readings.ndjson.3.json']);
    const errors = `${out}-errors`;
    expect(readdirSync(errors).sort()).toEqual(['readings.ndjson.2.error.json', 'readings.ndjson.2.json']);
    const report = JSON.parse(readFileSync(join(errors, 'readings.ndjson.2.error.json'), 'utf8')) as Record<string, unknown>;
    const column = broken.indexOf(',,') + 2;
    expect(report).toEqual({
      file: input, message: 2, line: 2, offset: Buffer.byteLength(`${readingLines[0]}\n`),
      error: { code: 'JSON_INVALID', message: `The JSON is not valid at line 2, column ${column}: a property name in double quotes is expected here.`, where: { file: input, line: 2, column, offset: readingLines[0].length + column, message: 2 } },
    });
    expect(readFileSync(join(errors, 'readings.ndjson.2.json'), 'utf8')).toBe(`${broken}\n`);
    expect(c.err()).toBe(`crosswalk run: 2 of 3 messages mapped, 1 failed; see ${errors}.\n`);
    const bp = (file: string) => (JSON.parse(readFileSync(join(out, file), 'utf8')) as typeof expectedWeek).entry[1].resource;
    expect(bp('readings.ndjson.1.json')).toEqual({ ...expectedWeek.entry[1].resource, device: bp('readings.ndjson.1.json').device });
    expect(bp('readings.ndjson.3.json').effectiveDateTime).toBe('2026-03-03T07:36:00+01:00');

    // The copy of the failed line is itself an NDJSON input: run again, it fails the same way at line 1.
    const again = captureIo();
    expect(await runRun(example, [join(errors, 'readings.ndjson.2.json')], {}, again.io)).toBe(1);
    expect(again.err()).toContain(`JSON_INVALID: The JSON is not valid at line 1, column ${column}`);
  });

  it('stdin with --ndjson, and a folder: .json and .ndjson files are read, error reports and other files are not', async () => {
    const c = captureIo(Readable.from([Buffer.from(`${readingLines[0]}\n\n${readingLines[2]}\n`)]));
    expect(await runRun(example, ['-'], { ndjson: true }, c.io)).toBe(0);
    expect(c.out().trimEnd().split('\n')).toHaveLength(2);

    const folder = join(dir, 'feed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), week);
    writeFileSync(join(folder, 'b.ndjson'), `${readingLines[0]}\n`);
    writeFileSync(join(folder, 'a.json.1.error.json'), '{"error": {}}');
    writeFileSync(join(folder, 'README.md'), '# readings');
    const f = captureIo();
    expect(await runRun(example, [folder], {}, f.io)).toBe(0);
    expect(f.out().trimEnd().split('\n').map((line) => (JSON.parse(line) as { entry: unknown[] }).entry.length)).toEqual([10, 3]);
    // Worker threads read each message from its compact JSON and give the same bytes.
    const w = captureIo();
    expect(await runRun(example, [folder], { workers: 2 }, w.io)).toBe(0);
    expect(w.out()).toBe(f.out());
  });

  it('bytes that are not UTF-8 fail the input with their byte offset; --ndjson on a bundle that does not read JSON is a usage error', async () => {
    const input = join(dir, 'latin1.json');
    writeFileSync(input, Buffer.concat([Buffer.from('{"patientId": "M'), Buffer.from([0xfc]), Buffer.from('ller"}')]));
    const c = captureIo();
    expect(await runRun(example, [input], {}, c.io)).toBe(1);
    expect(c.err()).toBe(`crosswalk run: INPUT_ENCODING: The input is not valid UTF-8 at byte 16; JSON and CSV inputs are read as UTF-8. (${input}, message 1, offset 16)\ncrosswalk run: 0 of 1 messages mapped, 1 failed.\n`);
    const usage = cli(['run', '--ndjson', csvBundle, join(samples, 'week-mmhg.csv')]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('crosswalk: --ndjson reads JSON lines, but this bundle reads CSV.\n');
  });

  it('crosswalk test runs the example\'s JSON test cases; crosswalk show reads its JSON maps', async () => {
    const c = captureIo();
    expect(await runTest(example, c.io)).toBe(0);
    expect(c.out().trimEnd().split('\n').pop()).toBe('3 passed, 0 failed');
    const shown = captureIo();
    expect(await runShow(csvBundle, shown.io)).toBe(0);
    expect(shown.out().split('\n').filter((line) => line.startsWith('message map') || line.includes('for each'))).toEqual([
      'message map HomeBloodPressureRow — CSV row → Bundle (Home blood-pressure CSV row)',
      '  for each $ → bp:Observation',
      '  for each $ where $.pulse != null → heartRate:Observation',
    ]);
  });
});

describe('crosswalk run on CSV', () => {
  /** A resource without its fullUrl-dependent references, to compare what two inputs of the same readings give. */
  const content = (resource: Record<string, unknown>) => ({ ...resource, device: undefined });

  it('each row is one message: the same Observations as the JSON export of the same readings', async () => {
    const c = captureIo();
    expect(await runRun(csvBundle, [join(samples, 'week-mmhg.csv')], { validate: true }, c.io)).toBe(0);
    const bundles = c.out().trimEnd().split('\n').map((line) => JSON.parse(line) as typeof expectedWeek);
    expect(bundles).toHaveLength(5);
    // Per row: Device, blood pressure, heart rate (the fourth row has no pulse).
    expect(bundles.map((b) => b.entry.map((e) => e.resource.resourceType).join(','))).toEqual([
      'Device,Observation,Observation', 'Device,Observation,Observation', 'Device,Observation,Observation', 'Device,Observation', 'Device,Observation,Observation',
    ]);
    const fromJson = expectedWeek.entry.slice(1).map((e) => content(e.resource));
    const fromCsv = bundles.flatMap((b) => b.entry.slice(1).map((e) => content(e.resource)));
    const order = (list: Array<Record<string, unknown>>) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(order(fromCsv)).toEqual(order(fromJson));
    expect(content(bundles[0].entry[0].resource)).toEqual(content(expectedWeek.entry[0].resource));
  });

  it('crosswalk test reads CSV test inputs as the bundle reads its files: a header and one row', async () => {
    const [header, row1, row2] = weekCsv.split('\n');
    const one = join(dir, 'row1.csv');
    writeFileSync(one, `${header}\n${row1}\n`);
    const run = captureIo();
    expect(await runRun(csvBundle, [one], {}, run.io)).toBe(0);
    const withTests = join(dir, 'home-bp-csv-tests.crosswalk.json');
    writeFileSync(withTests, serializeBundle(createBundle({
      metadata: { name: 'Home BP CSV with tests', version: '1.0.0' },
      mapping: buildHomeBloodPressureCsv(weekCsv),
      tests: [
        { name: 'first row, as crosswalk run maps it', input: `${header}\n${row1}\n`, expected: JSON.parse(run.out()) as never },
        { name: 'a systolic that is not a number', input: `${header}\n${row1.replace(',128,', ',12l,')}\n`, expectedError: 'CSV_BAD_VALUE' },
        { name: 'a test input is one message', input: `${header}\n${row1}\n${row2}\n`, expectedError: 'INPUT_MULTIPLE_MESSAGES' },
      ],
    })));
    const c = captureIo();
    expect(await runTest(withTests, c.io)).toBe(0);
    expect(c.out().trimEnd().split('\n').pop()).toBe('3 passed, 0 failed');
  });

  it('a bad row fails alone with its line and column; its copy (header and row) runs again as it failed', async () => {
    const lines = weekCsv.trimEnd().split('\n');
    const input = join(dir, 'week.csv');
    writeFileSync(input, [lines[0], lines[1], lines[2].replace(',121,', ',12l,'), lines[3]].join('\n'));
    const errors = join(dir, 'csv-errors');
    const c = captureIo();
    expect(await runRun(csvBundle, [input], { errors }, c.io)).toBe(1);
    expect(c.out().trimEnd().split('\n')).toHaveLength(2);
    const report = JSON.parse(readFileSync(join(errors, 'week.csv.2.error.json'), 'utf8')) as { error: Record<string, unknown>; line: number };
    expect(report.line).toBe(3);
    expect(report.error).toEqual({
      code: 'CSV_BAD_VALUE', message: 'The cell in column "systolic" on line 3 is not a number, which the source schema says the column holds.',
      where: { file: input, line: 3, column: lines[2].indexOf(',121,') + 2, path: '$.systolic', message: 2 }, detail: '12l',
    });
    expect(readFileSync(join(errors, 'week.csv.2.csv'), 'utf8')).toBe(`${lines[0]}\n${lines[2].replace(',121,', ',12l,')}\n`);
    const again = captureIo();
    expect(await runRun(csvBundle, [join(errors, 'week.csv.2.csv')], {}, again.io)).toBe(1);
    expect(again.err()).toContain('CSV_BAD_VALUE: The cell in column "systolic" on line 2 is not a number');
  });
});
