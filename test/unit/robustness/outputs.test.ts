// Hostile and messy conditions around what `crosswalk run` leaves on disk and on its streams:
// reruns into folders that hold a previous run's outcomes, temporaries of crashed writers, and
// patient data in messages that fail (it must reach --errors only, never stderr or stdout).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from '../../../shared/common/bundle';
import { parseSpec, type MappingSpec } from '../../../shared/common/mapping';
import { callFunction } from '../../../shared/common/mapping/compile/callFunction';
import { errorOf } from '../../../shared/common/errors/errorOf';
import type { FunctionDefinition } from '../../../shared/common/functions/FunctionDefinition';
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

/**
 * A mapping whose every message field runs through a step that can refuse it: value maps with the
 * error policy (a name, a code), a date, a number, a unit conversion, a structured numeric, and
 * an identifier written where FHIR wants a code (refused by --validate).
 */
function refusingSpec(): MappingSpec {
  return parseSpec({
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
    targets: [
      { id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } },
      { id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } },
    ],
    nodes: [
      { id: 'family', kind: 'valueMap', valueMapId: 'families' },
      { id: 'sex', kind: 'valueMap', valueMapId: 'sexes' },
      { id: 'birth', kind: 'function', functionId: 'date.hl7ToFhirDate' },
      { id: 'births', kind: 'function', functionId: 'number.parse' },
      { id: 'one', kind: 'constant', value: 1 },
      { id: 'weight', kind: 'function', functionId: 'unit.convert', params: { to: 'kg' } },
      { id: 'status', kind: 'constant', value: 'final' },
      { id: 'code', kind: 'constant', value: { text: 'result' } },
      { id: 'sn', kind: 'function', functionId: 'datatype.quantityFromSn' },
    ],
    links: [
      { id: 'id-as-gender', from: { source: 'msg', path: 'PID-3.1' }, to: { target: 'patient', path: 'Patient.gender' } },
      { id: 'family-in', from: { source: 'msg', path: 'PID-5.1' }, to: { node: 'family', port: 'in' } },
      { id: 'family-out', from: { node: 'family', port: 'code' }, to: { target: 'patient', path: 'Patient.name.text' } },
      { id: 'sex-in', from: { source: 'msg', path: 'PID-8' }, to: { node: 'sex', port: 'in' } },
      { id: 'sex-out', from: { node: 'sex', port: 'code' }, to: { target: 'patient', path: 'Patient.maritalStatus.text' } },
      { id: 'birth-in', from: { source: 'msg', path: 'PID-7' }, to: { node: 'birth', port: 'value' } },
      { id: 'birth-out', from: { node: 'birth', port: 'out' }, to: { target: 'patient', path: 'Patient.birthDate' } },
      { id: 'births-in', from: { source: 'msg', path: 'PID-25' }, to: { node: 'births', port: 'value' } },
      { id: 'births-out', from: { node: 'births', port: 'out' }, to: { target: 'patient', path: 'Patient.multipleBirth[x]:multipleBirthInteger' } },
      { id: 'weight-value', from: { node: 'one', port: 'out' }, to: { node: 'weight', port: 'value' } },
      { id: 'weight-unit', from: { source: 'msg', path: 'OBX-6.1' }, to: { node: 'weight', port: 'unit' } },
      { id: 'weight-out', from: { node: 'weight', port: 'out' }, to: { target: 'patient', path: 'Patient.address.text' } },
      { id: 'obx', kind: 'context', from: { source: 'msg', path: 'OBX' }, to: { target: 'obs', path: 'Observation' } },
      { id: 'obs-status', from: { node: 'status', port: 'out' }, to: { target: 'obs', path: 'Observation.status' } },
      { id: 'obs-code', from: { node: 'code', port: 'out' }, to: { target: 'obs', path: 'Observation.code' } },
      { id: 'sn-in', from: { source: 'msg', path: 'OBX-5' }, to: { node: 'sn', port: 'sn' } },
      { id: 'sn-out', from: { node: 'sn', port: 'out' }, to: { target: 'obs', path: 'Observation.value[x]:valueQuantity' } },
    ],
    valueMaps: [
      { id: 'families', name: 'Known families', entries: [{ source: 'EVERYMAN', target: 'everyman' }], unmapped: { kind: 'error' } },
      { id: 'sexes', name: 'Sexes', entries: [{ source: 'F', target: 'female' }], unmapped: { kind: 'error' } },
    ],
    settings: {},
  });
}

/** One message; `fields` replaces a field (`PID-5`) with the given text. */
function message(id: number, fields: Record<string, string> = {}): string {
  const field = (path: string, fallback: string) => fields[path] ?? fallback;
  return [
    `MSH|^~\\&|SEND|FAC|RECV|FAC|20240101120000||ADT^A01|MSG${id}|P|2.5.1`,
    `PID|1||${field('PID-3', 'female')}||${field('PID-5', 'EVERYMAN^ADAM')}||${field('PID-7', '19800101')}|${field('PID-8', 'F')}|||||||||||||||||${field('PID-25', '2')}`,
    `OBX|1|SN|8302-2^Height^LN||${field('OBX-5', '>^90')}|${field('OBX-6', 'lb')}|||||F`,
  ].join('\r') + '\r';
}

describe('patient data in messages that fail', () => {
  // What each marker's message does, and what the operator finds in --errors.
  const cases: Array<{ marker: string; fields: Record<string, string>; code: string; where: Record<string, string> }> = [
    { marker: 'ZZSECRET1', fields: { 'PID-5': 'ZZSECRET1^ADAM' }, code: 'VALUEMAP_UNMAPPED', where: { node: 'family' } },
    { marker: 'ZZSECRET2', fields: { 'PID-8': 'ZZSECRET2' }, code: 'VALUEMAP_UNMAPPED', where: { node: 'sex' } },
    { marker: 'ZZSECRET3', fields: { 'PID-7': 'ZZSECRET3' }, code: 'DATE_INVALID', where: { node: 'birth' } },
    { marker: 'ZZSECRET4', fields: { 'PID-25': 'ZZSECRET4' }, code: 'NUMBER_INVALID', where: { node: 'births' } },
    { marker: 'ZZSECRET5', fields: { 'OBX-6': 'ZZSECRET5' }, code: 'UNIT_INVALID', where: { node: 'weight' } },
    // An annotation is a valid UCUM unit of dimension 1: it does not convert to kg.
    { marker: 'ZZSECRET6', fields: { 'OBX-6': '{ZZSECRET6}' }, code: 'UNIT_INCOMPATIBLE', where: { node: 'weight' } },
    { marker: 'ZZSECRET7', fields: { 'OBX-5': 'ZZSECRET7^90' }, code: 'SN_UNSUPPORTED', where: { node: 'sn' } },
    { marker: 'ZZSECRET8', fields: { 'PID-3': 'ZZSECRET8' }, code: 'OUTPUT_INVALID', where: { path: 'Bundle.entry[0].resource.gender' } },
  ];
  // Messages that do not parse, with the marker where a parser might quote it.
  const broken = [
    { marker: 'ZZSECRET9', text: 'ZZSECRET9|orphan text before any MSH\r', code: 'HL7_NO_MSH' },
    { marker: 'ZZSECRETA', text: message(90).replace('\rOBX|', '\rZZSECRETA|'), code: 'HL7_BAD_SEGMENT' },
    { marker: 'ZZSECRETB', text: message(91).replace('MSH|^~\\&|', 'MSH|ZZSECRETB|'), code: 'HL7_BAD_ENCODING_CHARS' },
  ];
  const markers = [...cases.map((c) => c.marker), ...broken.map((b) => b.marker)];
  const base = join(dir, 'secrets');
  const input = join(base, 'in.hl7');
  const secretBundle = join(base, 'refusing.crosswalk.json');
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), 'run', secretBundle, input, '--validate', ...args], { encoding: 'utf8' });

  beforeAll(() => {
    mkdirSync(base, { recursive: true });
    writeFileSync(secretBundle, serializeBundle(createBundle({ metadata: { name: 'refusing', version: '1' }, mapping: parseSpec(refusingSpec()) })));
    // Text before the first MSH is a message of its own only at the start: later it would belong to the message before.
    writeFileSync(input, [broken[0].text, message(0), ...cases.map((c, i) => message(i + 1, c.fields)), ...broken.slice(1).map((b) => b.text), message(99)].join(''));
  });

  it('the mapping maps a clean message (so each marker is what fails its message)', () => {
    const run = cli([]);
    expect(run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).resourceType)).toEqual(['Bundle', 'Bundle']);
  }, 60_000);

  it('stderr and stdout never carry a marker, with or without --out and --errors', () => {
    const plain = cli([]);
    expect(plain.status).toBe(1);
    // One failure line each, then the summary: the sentence and place, never the value.
    const lines = plain.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(cases.length + broken.length + 1);
    expect(lines.map((line) => /^crosswalk run: ([A-Z_0-9]+):/.exec(line)?.[1])).toEqual([broken[0].code, ...cases.map((c) => c.code), ...broken.slice(1).map((b) => b.code), undefined]);
    const folders = cli(['--out', join(base, 'out'), '--errors', join(base, 'errors')]);
    expect(folders.status).toBe(1);
    expect(folders.stdout).toBe('');
    for (const text of [plain.stderr, plain.stdout, folders.stderr]) {
      for (const marker of markers) expect(text).not.toContain(marker);
    }
    for (const name of readdirSync(join(base, 'out'))) {
      for (const marker of markers) expect(readFileSync(join(base, 'out', name), 'utf8')).not.toContain(marker);
    }
  }, 60_000);

  it('--errors holds what the operator needs: the code, the place, the offending value apart from the sentence, the message', () => {
    const errors = join(base, 'errors');
    cases.forEach((c, i) => {
      const name = `in.hl7.${i + 3}`;
      const report = JSON.parse(readFileSync(join(errors, `${name}.error.json`), 'utf8'));
      expect(report.error).toMatchObject({ code: c.code, where: { ...c.where, message: i + 3 } });
      expect(report.error.message).not.toContain(c.marker);
      if (c.code === 'OUTPUT_INVALID') expect(report.output.entry[0].resource.gender).toBe(c.marker);
      else if (c.code === 'DATE_INVALID' || c.code === 'NUMBER_INVALID') expect(report.error.detail).toBeUndefined();
      else expect(report.error.detail).toContain(c.marker);
      expect(readFileSync(join(errors, `${name}.hl7`), 'utf8')).toContain(c.marker);
    });
    const valueMap = JSON.parse(readFileSync(join(errors, 'in.hl7.3.error.json'), 'utf8'));
    expect(valueMap.error).toEqual({
      code: 'VALUEMAP_UNMAPPED',
      message: 'Value map "Known families" has no entry for the code it was given, and its policy for unmapped codes is error.',
      where: { map: 'ADT_A01', node: 'family', file: input, message: 3 },
      detail: 'ZZSECRET1',
    });
  });

  it('a function that throws something unexpected: the exception text (it may quote its input) is the detail only', () => {
    const buggy = { id: 'test.buggy', apply: () => JSON.parse('ZZSECRETC') } as unknown as FunctionDefinition;
    const error = errorOf(() => callFunction(buggy, {}, {}, {} as never, { node: 'n1' }));
    expect(error.toJSON()).toMatchObject({ code: 'MAP_FUNCTION_FAILED', message: 'The function test.buggy failed unexpectedly.', where: { node: 'n1' } });
    expect(error.toString()).not.toContain('ZZSECRETC');
    expect(error.detail).toContain('ZZSECRETC');
  });
});
