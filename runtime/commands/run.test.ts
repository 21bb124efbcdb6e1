import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from '../../shared/common/bundle';
import { parseHl7 } from '../../shared/common/hl7v2';
import { parseSpec } from '../../shared/common/mapping';
import { adtTestSpec } from '../../shared/node/fixtures/adtTestSpec';
import { readSample, samplesDir } from '../../shared/node/fixtures/referenceFixtures';
import { captureIo } from './captureIo';
import { runRun } from './run';
import { runTest } from './test';
import { runValidate } from './validate';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-run-'));
const bundlePath = join(dir, 'adt.crosswalk.json');
const sampleFiles = readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort();

/** The real CLI in a child process. The timeout turns a CLI that blocks (on a FIFO, say) into a failed assertion instead of a stuck suite. */
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), ...args], { encoding: 'utf8', input, cwd: process.cwd(), timeout: 60_000 });

const capture = () => captureIo();

beforeAll(() => {
  const adt = readSample('fhirconverter_ADT-A01-01.hl7');
  writeFileSync(bundlePath, serializeBundle(createBundle({
    metadata: { name: 'ADT test mapping', version: '1.0.0', author: 'runtime tests' },
    mapping: parseSpec(adtTestSpec()),
    tests: [{ name: 'bad MSH fails to parse', input: 'PID|1||123', expectedError: 'HL7_NO_MSH' }],
  })));
  // A batch file: every ADT and ORU sample back to back, twice (32 messages), for order checks.
  const batch = sampleFiles.map((f) => readSample(f).replace(/^\uFEFF/, '')).join('');
  writeFileSync(join(dir, 'batch.hl7'), batch + batch);
  // One good message, one that is not HL7, one good: failures must not stop or reorder the rest.
  writeFileSync(join(dir, 'mixed.hl7'), `${adt}MSH|^~\\&|bad\rPID|1\r`.replace('MSH|^~\\&|bad', 'MSH|^~~&|bad') + adt.replace('MSG00001', 'MSG00002'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crosswalk run', () => {
  it('maps every reference sample to one NDJSON line, in input order, exit 0', async () => {
    const c = capture();
    expect(await runRun(bundlePath, [samplesDir], {}, c.io)).toBe(0);
    const lines = c.out().trimEnd().split('\n');
    expect(lines).toHaveLength(sampleFiles.length);
    lines.forEach((line, i) => {
      const bundle = JSON.parse(line) as { resourceType: string; entry: Array<{ resource: { resourceType: string; identifier?: Array<{ value: string }> } }> };
      expect(bundle.resourceType).toBe('Bundle');
      const message = parseHl7(readSample(sampleFiles[i]));
      // The Patient's first identifier is PID-3.1 of that file: the line belongs to that message.
      expect(bundle.entry[0].resource.identifier?.[0]?.value).toBe(message.get('PID-3.1') ?? undefined);
    });
    expect(c.err()).toBe('');
  });

  it('gives byte-identical output when run again', async () => {
    const a = capture();
    const b = capture();
    await runRun(bundlePath, [join(dir, 'batch.hl7')], {}, a.io);
    await runRun(bundlePath, [join(dir, 'batch.hl7')], {}, b.io);
    expect(a.out().length).toBeGreaterThan(1000);
    expect(b.out()).toBe(a.out());
  });

  it('--workers keeps the input order and the same bytes as one thread', async () => {
    const one = capture();
    const three = capture();
    expect(await runRun(bundlePath, [join(dir, 'batch.hl7')], {}, one.io)).toBe(0);
    expect(await runRun(bundlePath, [join(dir, 'batch.hl7')], { workers: '3' }, three.io)).toBe(0);
    expect(three.out().split('\n')).toHaveLength(sampleFiles.length * 2 + 1);
    expect(three.out()).toBe(one.out());
  });

  it('--out writes one complete file per message atomically; failures go to <out>-errors with their text', async () => {
    const out = join(dir, 'out');
    const c = capture();
    expect(await runRun(bundlePath, [join(dir, 'mixed.hl7')], { out }, c.io)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['mixed.hl7.1.json', 'mixed.hl7.3.json']);
    for (const name of readdirSync(out)) expect(JSON.parse(readFileSync(join(out, name), 'utf8')).resourceType).toBe('Bundle');
    const errors = join(dir, 'out-errors');
    expect(readdirSync(errors).sort()).toEqual(['mixed.hl7.2.error.json', 'mixed.hl7.2.hl7']);
    const report = JSON.parse(readFileSync(join(errors, 'mixed.hl7.2.error.json'), 'utf8'));
    expect(report).toMatchObject({ file: join(dir, 'mixed.hl7'), message: 2, error: { code: 'HL7_BAD_ENCODING_CHARS' } });
    expect(report.error.where.message).toBe(2);
    expect(readFileSync(join(errors, 'mixed.hl7.2.hl7'), 'utf8')).toBe('MSH|^~~&|bad\rPID|1\r');
    expect(c.err()).toBe(`crosswalk run: 2 of 3 messages mapped, 1 failed; see ${errors}.\n`);
  });

  it('--validate sends an invalid output to --errors with its issues and the output', async () => {
    const errors = join(dir, 'validate-errors');
    const c = capture();
    expect(await runRun(bundlePath, [join(samplesDir, 'lfh_ORU-multiline-short-mixed.hl7')], { validate: true, errors }, c.io)).toBe(1);
    expect(c.out()).toBe('');
    const report = JSON.parse(readFileSync(join(errors, 'lfh_ORU-multiline-short-mixed.hl7.1.error.json'), 'utf8'));
    expect(report.error.code).toBe('OUTPUT_INVALID');
    expect(report.issues[0]).toEqual({ severity: 'error', code: 'cardinality', message: 'Bundle.entry[3].resource.code is required (1..1) but missing.', path: 'Bundle.entry[3].resource.code', expected: '1..1' });
    expect(report.output.resourceType).toBe('Bundle');
  });

  it('without --out or --errors, each failure is one line on stderr with code and place, no patient data', async () => {
    const c = capture();
    expect(await runRun(bundlePath, [join(dir, 'mixed.hl7'), join(dir, 'missing.hl7')], {}, c.io)).toBe(1);
    expect(c.out().trimEnd().split('\n')).toHaveLength(2);
    const lines = c.err().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^crosswalk run: HL7_BAD_ENCODING_CHARS: .*\(.*mixed\.hl7, message 2/);
    expect(lines[1]).toBe(`crosswalk run: IO_NOT_FOUND: No such file or folder. (${join(dir, 'missing.hl7')})`);
    expect(lines[2]).toBe('crosswalk run: 2 of 3 messages mapped, 2 failed (1 input not read).');
    expect(c.err()).not.toContain('EVERYMAN');
  });

  it('a folder: symlinked message files and folders are read; a FIFO and a broken link are input errors naming them, exit 1', async () => {
    const folder = join(dir, 'linked-in');
    mkdirSync(join(folder, 'real'), { recursive: true });
    writeFileSync(join(folder, 'real', 'a.hl7'), readSample('fhirconverter_ADT-A01-01.hl7'));
    symlinkSync(join(samplesDir, 'fhirconverter_ADT01-23.hl7'), join(folder, 'b.hl7'));
    symlinkSync(join(dir, 'nothing-here'), join(folder, 'c.hl7'));
    execFileSync('mkfifo', [join(folder, 'd.hl7')]);
    const c = capture();
    expect(await runRun(bundlePath, [folder], {}, c.io)).toBe(1);
    expect(c.out().trimEnd().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['transaction', 'transaction']);
    expect(c.err()).toBe([
      `crosswalk run: IO_BROKEN_LINK: This symbolic link points to nothing that exists. (${join(folder, 'c.hl7')})`,
      `crosswalk run: IO_NOT_REGULAR_FILE: This is a named pipe (FIFO), not a regular file, so it is not read. (${join(folder, 'd.hl7')})`,
      'crosswalk run: 2 of 2 messages mapped, 2 failed (2 inputs not read).',
      '',
    ].join('\n'));
  });

  it('decodes each message by its own MSH-18: a stray byte fails only its message, and the replay copy is the original bytes', () => {
    const adt = readSample('fhirconverter_ADT-A01-01.hl7').replace(/^\uFEFF/, '');
    const family = (text: string, name: Buffer): Buffer => Buffer.concat(text.split('EVERYMAN').flatMap((part, i) => (i === 0 ? [Buffer.from(part, 'latin1')] : [name, Buffer.from(part, 'latin1')])));
    const utf8 = family(adt, Buffer.from('MÜLLER', 'utf8'));
    const stray = family(adt.replace('MSG00001', 'MSG00002'), Buffer.from([0x4d, 0xff]));
    const latin1Header = adt.replace('MSG00001', 'MSG00003').replace(/^(MSH(?:\|[^|\r]*){16})\|?[^|\r]*/, '$1|8859/1');
    const latin1 = family(latin1Header, Buffer.from([0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52]));
    const latin1Broken = Buffer.concat([family(latin1Header.replace('MSG00003', 'MSG00004'), Buffer.from([0x4d, 0xdc])), Buffer.from('not a segment\r')]);
    const file = join(dir, 'charsets.hl7');
    writeFileSync(file, Buffer.concat([utf8, stray, latin1, latin1Broken]));
    const errors = join(dir, 'charset-errors');
    const result = cli(['run', bundlePath, file, '--errors', errors]);
    expect(result.stderr).toBe(`crosswalk run: 2 of 4 messages mapped, 2 failed; see ${errors}.\n`);
    expect(result.status).toBe(1);
    const names = result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { entry: Array<{ resource: { name?: Array<{ family?: string }> } }> }).entry[0].resource.name?.[0]?.family);
    expect(names).toEqual(['MÜLLER', 'MÜLLER']);
    const report = JSON.parse(readFileSync(join(errors, 'charsets.hl7.2.error.json'), 'utf8'));
    const offset = utf8.length + stray.indexOf(0xff);
    expect(report).toMatchObject({ file, message: 2, offset: utf8.length, error: {
      code: 'HL7_ENCODING',
      message: `At byte offset ${offset} the input is not valid UNICODE UTF-8, the character set used when MSH-18 is empty; the message is not read.`,
      where: { file, message: 2, segmentId: 'PID', field: 5, offset },
    } });
    expect(readFileSync(join(errors, 'charsets.hl7.2.hl7'))).toEqual(stray);
    expect(JSON.parse(readFileSync(join(errors, 'charsets.hl7.4.error.json'), 'utf8')).error.code).toBe('HL7_BAD_SEGMENT');
    expect(readFileSync(join(errors, 'charsets.hl7.4.hl7'))).toEqual(latin1Broken);
  }, 120_000);

  it('draws a progress line on stderr only when it is a terminal', async () => {
    const c = capture();
    const stderr = Object.assign(c.io.stderr, { isTTY: true });
    expect(await runRun(bundlePath, [samplesDir], {}, { ...c.io, stderr })).toBe(0);
    const frames = c.err().split('\r').filter(Boolean);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[frames.length - 1].trimEnd()).toBe(`[${'#'.repeat(24)}] ${sampleFiles.length} messages, ${sampleFiles.length} mapped, 0 failed`);
    expect(c.err().endsWith('\n')).toBe(true);
    expect(c.out().trimEnd().split('\n')).toHaveLength(sampleFiles.length);
  });

  it('reads stdin for -', async () => {
    const c = capture();
    const io = { ...c.io, stdin: Readable.from([Buffer.from(readSample('fhirconverter_ADT01-23.hl7'))]) };
    expect(await runRun(bundlePath, ['-'], {}, io)).toBe(0);
    expect(JSON.parse(c.out()).entry[0].resource.resourceType).toBe('Patient');
  });

  it('refuses a tampered bundle with one sentence and exit 2, mapping nothing', async () => {
    const tampered = join(dir, 'tampered.crosswalk.json');
    writeFileSync(tampered, readFileSync(bundlePath, 'utf8').replace('"target": "female"', '"target": "male"'));
    const c = capture();
    expect(await runRun(tampered, [samplesDir], {}, c.io)).toBe(2);
    expect(c.out()).toBe('');
    expect(c.err()).toBe(`crosswalk run: BUNDLE_HASH_MISMATCH: The bundle content does not match its hash, so it was changed after export; export it again from the studio. (${tampered}, at hash)\n`);
  });

  it('rejects bad usage with UsageError', async () => {
    const c = capture();
    await expect(runRun(bundlePath, [], {}, c.io)).rejects.toThrow('run needs at least one input: a file, a folder or - for stdin.');
    await expect(runRun(bundlePath, ['x'], { workers: 'many' }, c.io)).rejects.toThrow('--workers must be a whole number from 1 to 256, not "many".');
  });
});

describe('crosswalk test and validate', () => {
  it('test prints a readable diff per failure and the closing line', async () => {
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const expected = JSON.parse((await (async () => {
      const c = capture();
      await runRun(bundlePath, [join(samplesDir, 'fhirconverter_ADT-A01-01.hl7')], {}, c.io);
      return c.out();
    })()));
    const wrong = structuredClone(expected);
    wrong.entry[0].resource.gender = 'female';
    const file = join(dir, 'with-tests.crosswalk.json');
    writeFileSync(file, serializeBundle(createBundle({
      metadata: { name: 'ADT with tests', version: '1.0.0' },
      mapping: parseSpec(adtTestSpec()),
      tests: [
        { name: 'ADT A01 maps', input: text, expected },
        { name: 'gender expectation is wrong', input: text, expected: wrong },
        { name: 'not HL7', input: 'hello', expectedError: 'HL7_NO_MSH' },
      ],
    })));
    const c = capture();
    expect(await runTest(file, c.io)).toBe(1);
    expect(c.out()).toBe([
      'ok   ADT A01 maps',
      'FAIL gender expectation is wrong',
      '  entry[0].resource.gender',
      '    expected: "female"',
      '    actual:   "male"',
      'ok   not HL7',
      '2 passed, 1 failed',
      '',
    ].join('\n'));
  });

  it('test runs several bundles, goes on past a refused one, and closes with one line over all', async () => {
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const file = join(dir, 'error-only.crosswalk.json');
    writeFileSync(file, serializeBundle(createBundle({
      metadata: { name: 'errors only', version: '1.0.0' },
      mapping: parseSpec(adtTestSpec()),
      tests: [
        { name: 'not HL7', input: 'hello', expectedError: 'HL7_NO_MSH' },
        { name: 'an ADT is no error', input: text, expectedError: 'HL7_NO_MSH' },
      ],
    })));
    const missing = join(dir, 'missing.crosswalk.json');
    const c = capture();
    expect(await runTest([file, missing, file], c.io)).toBe(2);
    expect(c.out()).toBe([
      `# ${file}`, 'ok   not HL7', 'FAIL an ADT is no error', '  expected the error HL7_NO_MSH', '  actual:  the message mapped without error',
      `# ${missing}`,
      `# ${file}`, 'ok   not HL7', 'FAIL an ADT is no error', '  expected the error HL7_NO_MSH', '  actual:  the message mapped without error',
      '2 passed, 2 failed',
      '',
    ].join('\n'));
    expect(c.err()).toMatch(/^crosswalk test: [A-Z_]+: .*missing\.crosswalk\.json/);
  });

  it('validate accepts a good bundle and refuses a broken one in one sentence', async () => {
    const good = capture();
    expect(await runValidate(bundlePath, good.io)).toBe(0);
    // The test spec still uses functions whose rules library maps now draw: valid, with a note each.
    const note = (node: string, fn: string, map: string): string => `note: node "${node}" of map ADT_A01 uses ${fn}, whose rule the library map ${map} now draws; it runs unchanged, but new work should call that map.`;
    expect(good.out()).toBe([
      `${bundlePath}: valid: ADT test mapping 1.0.0, 1 map (ADT_A01), 4 targets, 13 nodes, 31 links, 3 value maps, 1 test case.`,
      note('allergen', 'code.codeableConceptFromCwe', 'CWE[CodeableConcept]'),
      note('cx', 'datatype.identifierFromCx', 'CX[Identifier]'),
      note('obs-code', 'code.codeableConceptFromCwe', 'CWE[CodeableConcept]'),
      note('qty', 'datatype.quantityFromNm', 'NM[Quantity]'),
      note('xpn', 'datatype.humanNameFromXpn', 'XPN[HumanName]'),
      '',
    ].join('\n'));
    const spec = adtTestSpec();
    spec.maps[0].links[6].to = { target: 'patient', path: 'Patient.sex' };
    const broken = join(dir, 'broken.crosswalk.json');
    writeFileSync(broken, serializeBundle(createBundle({ metadata: { name: 'broken', version: '1' }, mapping: spec })));
    const bad = capture();
    expect(await runValidate(broken, bad.io)).toBe(2);
    expect(bad.err()).toBe(`crosswalk validate: MAP_UNKNOWN_TARGET_ELEMENT: Patient has no element Patient.sex in FHIR R4. (${broken}, at Patient.sex, map ADT_A01, link p-gender-in)\n`);
  });
});

describe('the crosswalk binary', () => {

  it('exits 0, 1 and 2 as documented', () => {
    const ok = cli(['run', bundlePath, join(samplesDir, 'fhirconverter_ADT-A01-01.hl7')]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).type).toBe('transaction');
    const some = cli(['run', bundlePath, join(dir, 'mixed.hl7')]);
    expect(some.status).toBe(1);
    const usage = cli(['run', bundlePath]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('crosswalk: run needs at least one input: a file, a folder or - for stdin.\n');
    const unknown = cli(['run', join(dir, 'nope.json'), '-'], '');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`crosswalk run: BUNDLE_READ: The bundle cannot be opened: there is no such file. (${join(dir, 'nope.json')})\n`);
    const help = cli(['run', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit status: 0 all messages mapped, 1 some failed, 2 usage error or a bundle');
  }, 120_000);

  it('reads only regular files, at most --max-input-bytes each; a bundle that is a device is refused (exit 2)', () => {
    const adt = join(samplesDir, 'fhirconverter_ADT-A01-01.hl7');
    const fifo = join(dir, 'feed.hl7');
    execFileSync('mkfifo', [fifo]);
    const piped = cli(['run', bundlePath, fifo, adt]);
    expect(piped.stderr).toBe([
      `crosswalk run: IO_NOT_REGULAR_FILE: This is a named pipe (FIFO), not a regular file, so it is not read. (${fifo})`,
      'crosswalk run: 1 of 1 messages mapped, 1 failed (1 input not read).',
      '',
    ].join('\n'));
    expect(piped.status).toBe(1);
    expect(JSON.parse(piped.stdout).type).toBe('transaction');

    const big = cli(['run', '--max-input-bytes', '1K', bundlePath, adt]);
    expect(big.stderr).toBe([
      `crosswalk run: IO_TOO_LARGE: The input holds more than 1 KiB, the most that is read; raise the limit with --max-input-bytes or CROSSWALK_MAX_INPUT_BYTES if this is meant. (${adt})`,
      'crosswalk run: 0 of 0 messages mapped, 1 failed (1 input not read).',
      '',
    ].join('\n'));
    expect(big.status).toBe(1);
    expect(cli(['run', '--max-input-bytes', '1K', bundlePath, '-'], readSample('fhirconverter_ADT-A01-01.hl7')).stderr).toMatch(/^crosswalk run: IO_TOO_LARGE: .* \(stdin\)\n/);
    const badLimit = cli(['run', '--max-input-bytes', 'lots', bundlePath, adt]);
    expect(badLimit.stderr).toBe('crosswalk: --max-input-bytes must be a number of bytes such as 268435456, 512K, 64M or 1G, not "lots".\n');
    expect(badLimit.status).toBe(2);

    const device = cli(['run', '/dev/zero', adt]);
    expect(device.stderr).toBe('crosswalk run: IO_NOT_REGULAR_FILE: This is a character device, not a regular file, so it is not read. (/dev/zero)\n');
    expect(device.status).toBe(2);
  }, 240_000);
});
