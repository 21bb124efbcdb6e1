import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, loadBundle, serializeBundle } from '../../shared/common/bundle';
import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import { applyReviewAction } from '../../shared/common/review/applyReviewAction';
import { defaultReviewPolicy } from '../../shared/common/review/reviewPolicy';
import { samplesDir } from '../../shared/node/fixtures/referenceFixtures';
import { compile, loadBundle as loadBundleFile } from '../index';
import { captureIo } from './captureIo';
import { runReview } from './review';
import { runRun } from './run';
import { runTest } from './test';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-review-'));
const examplePath = resolve('examples/adt-a01-to-fhir.crosswalk.json');
const example = loadBundle(readFileSync(examplePath, 'utf8'), examplePath);
const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };
const now = () => new Date('2026-11-26T10:00:00Z');
const adtSample = join(samplesDir, 'fhirconverter_ADT-A01-01.hl7');

/** The example with every row of every value map approved, except those named; `settings` merged in. */
function reviewed(open: Record<string, string[]> = {}, settings: Partial<MappingSpec['settings']> = {}): MappingSpec {
  return {
    ...example.spec,
    settings: { ...example.spec.settings, ...settings },
    valueMaps: example.spec.valueMaps.map((map) => {
      const sources = map.entries.map((e) => e.source).filter((s) => !(open[map.id] ?? []).includes(s));
      return sources.length === 0 ? map : applyReviewAction(map, { kind: 'approve', sources }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy: defaultReviewPolicy }).map;
    }),
  };
}

function write(name: string, spec: MappingSpec): string {
  const path = join(dir, name);
  writeFileSync(path, serializeBundle(createBundle({ metadata: example.content.metadata, mapping: spec, tests: example.content.tests })));
  return path;
}

let approvedPath: string;
let openPath: string;
let gatedPath: string;
beforeAll(() => {
  approvedPath = write('approved.crosswalk.json', reviewed());
  openPath = write('open.crosswalk.json', reviewed({ 'v2-0001-gender': ['N'] }));
  gatedPath = write('gated.crosswalk.json', reviewed({ 'v2-0001-gender': ['N'] }, { review: { requireApproved: true } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crosswalk review', () => {
  it('prints each value map\'s progress and coverage and exits 1 while a row in use is not approved', async () => {
    const c = captureIo();
    expect(await runReview(examplePath, [], {}, { ...c.io, now })).toBe(1);
    const lines = c.out().trimEnd().split('\n');
    expect(lines[0]).toBe(`${examplePath}: ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG) 1.0.0; policy: 1 approval per row`);
    expect(lines).toContain('  v2-0001-gender                in use   6 rows: 6 unreviewed · table 0001: 6 of 6 codes mapped · target codes ok');
    expect(lines).toContain('  v2-0004-encounter-class       in use   9 rows: 9 unreviewed · table 0004: 9 of 9 codes mapped · target: 5 warnings');
    expect(lines).toContain('  v2-0078-interpretation        in use   39 rows: 39 unreviewed · table 0078: 33 of 39 codes mapped, 6 local · target codes ok');
    expect(lines.at(-1)).toBe('not approved: 15 value maps in use have rows not approved; the first is value map "sn-comparator" row "<" (it is unreviewed).');
    expect(lines).toHaveLength(example.spec.valueMaps.length + 2);
    expect(c.err()).toBe('');
  });

  it('names the one row left, and exits 0 once every row in use is approved', async () => {
    const open = captureIo();
    expect(await runReview(openPath, [], {}, { ...open.io, now })).toBe(1);
    expect(open.out()).toContain('  v2-0001-gender                in use   6 rows: 5 approved, 1 unreviewed · table 0001');
    expect(open.out().trimEnd().split('\n').at(-1)).toBe('not approved: 1 value map in use has rows not approved; the first is value map "v2-0001-gender" row "N" (it is unreviewed).');
    const done = captureIo();
    expect(await runReview(approvedPath, [], {}, { ...done.io, now })).toBe(0);
    expect(done.out().trimEnd().split('\n').at(-1)).toBe('approved: every row of the 17 value maps in use is approved.');
  });

  it('counts codes of the sample files given, and writes the HTML report', async () => {
    const report = join(dir, 'review.html');
    const c = captureIo();
    expect(await runReview(openPath, [adtSample], { json: true, report }, { ...c.io, now })).toBe(1);
    const json = JSON.parse(c.out()) as { maps: { id: string; coverage: { source: { codes: { code: string; seen: { samples: number; tests: number } }[] } } }[] };
    const gender = json.maps.find((m) => m.id === 'v2-0001-gender')!;
    // The sample's PID-8 is M; the test cases send M three times.
    expect(gender.coverage.source.codes.find((code) => code.code === 'M')!.seen).toEqual({ samples: 1, tests: 3 });
    expect(c.err()).toBe(`crosswalk review: report written to ${report}.\n`);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<title>Value-map review — ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG) 1.0.0</title>');
    expect(html).toContain('Not approved: value map v2-0001-gender row “N” (it is unreviewed)');
  });

  it('exits 2 for a sample it cannot read or a bundle it refuses', async () => {
    const missing = captureIo();
    expect(await runReview(openPath, [join(dir, 'nowhere.hl7')], {}, { ...missing.io, now })).toBe(2);
    expect(missing.err()).toMatch(/^crosswalk review: IO_NOT_FOUND: /);
    const broken = join(dir, 'broken.crosswalk.json');
    writeFileSync(broken, readFileSync(openPath, 'utf8').replace('"display": "Female"', '"display": "Woman"'));
    const refused = captureIo();
    expect(await runReview(broken, [], {}, { ...refused.io, now })).toBe(2);
    expect(refused.err()).toMatch(/^crosswalk review: BUNDLE_HASH_MISMATCH: /);
  });

  it('is the same gate from the real CLI', () => {
    const run = (bundle: string) => spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), 'review', bundle], { encoding: 'utf8', timeout: 60_000 });
    expect(run(openPath).status).toBe(1);
    expect(run(approvedPath).status).toBe(0);
  });
});

describe('running only what is approved', () => {
  it('crosswalk run --require-approved refuses with one sentence naming the first unapproved map and row', async () => {
    const c = captureIo();
    expect(await runRun(openPath, [adtSample], { requireApproved: true }, c.io)).toBe(2);
    expect(c.err()).toBe(`crosswalk run: REVIEW_NOT_APPROVED: Value map "v2-0001-gender" row "N" is not approved (it is unreviewed), and this bundle runs only when every value-map row it can use is approved. (${openPath}, at mapping.valueMaps[1].entries[5])\n`);
    expect(c.out()).toBe('');
    const ok = captureIo();
    expect(await runRun(approvedPath, [adtSample], { requireApproved: true }, ok.io)).toBe(0);
    expect(ok.out().split('\n')).toHaveLength(2);
  });

  it('a bundle whose policy requires approval is refused without the flag; its tests still run', async () => {
    const c = captureIo();
    expect(await runRun(gatedPath, [adtSample], {}, c.io)).toBe(2);
    expect(c.err()).toContain('REVIEW_NOT_APPROVED: Value map "v2-0001-gender" row "N" is not approved');
    const tests = captureIo();
    expect(await runTest([gatedPath], tests.io)).toBe(0);
    // The library's compile is a run too.
    await expect(compile(await loadBundleFile(gatedPath))).rejects.toMatchObject({ code: 'REVIEW_NOT_APPROVED' });
    await expect(compile(await loadBundleFile(openPath), { requireApproved: true })).rejects.toMatchObject({ code: 'REVIEW_NOT_APPROVED' });
    await expect(compile(await loadBundleFile(openPath))).resolves.toMatchObject({ spec: { format: 'crosswalk.mapping/2' } });
  });
});
