import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from '../../shared/common/bundle';
import { parseSpec } from '../../shared/common/mapping';
import { docsExampleSpec, readSample } from '../../shared/node/fixtures/referenceFixtures';
import { captureIo } from './captureIo';
import { runShow } from './show';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-show-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => captureIo();

function writeDocsBundle(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, serializeBundle(createBundle({
    metadata: { name: 'Docs example', version: '1.0.0' },
    mapping: parseSpec(docsExampleSpec()),
    tests: [{ name: 'ADT sample', input: readSample('fhirconverter_ADT-A01-01.hl7'), expectedError: 'NOT_CHECKED_HERE' }],
  })));
  return file;
}

describe('crosswalk show', () => {
  it('prints the mapping map by map, one rule a line, sorted by target path', async () => {
    const file = writeDocsBundle('docs.crosswalk.json');
    const c = capture();
    expect(await runShow(file, c.io)).toBe(0);
    const text = c.out();
    const between = (start: string, end: string): string[] => {
      const lines = text.split('\n');
      const from = lines.indexOf(start);
      expect(from).toBeGreaterThanOrEqual(0);
      return lines.slice(from + 1, lines.indexOf(end, from + 1));
    };
    expect(between('message map ADT_A01 — HL7 v2.5.1 ADT_A01 → Bundle', '')).toEqual([
      '  accepts ADT^A01, ADT^A04, ADT^A08',
      '  target patient: Patient',
      '  PID → Patient via PID[Patient]',
      '  target obs: Observation',
      '  for each OBX → Observation',
      '    OBX → Observation via OBX[Observation]',
      '    ref(patient) → Observation.subject',
    ]);
    expect(between('segment map PID[Patient] — HL7 v2.5.1 PID → Patient', '')).toEqual([
      '  PID-8 → Patient.gender via administrative-gender',
      '  PID-3 → Patient.identifier via CX[Identifier]',
      '  PID-5.1 → Patient.name.family',
    ]);
    expect(between('data type map CX[Identifier] — HL7 v2.5.1 CX → Identifier', '')).toEqual([
      '  when CX.1 != null',
      "  string.concat('urn:oid:', CX.4.2) where CX.4.3 = 'ISO' → Identifier.system",
      '  CX.5 → Identifier.type.coding.code',
      '  CX.1 → Identifier.value',
    ]);
    expect(text).toContain('value map administrative-gender — v2 0001 Administrative Sex → FHIR administrative-gender\n  http://terminology.hl7.org/CodeSystem/v2-0001 → http://hl7.org/fhir/administrative-gender\n  unmapped: default unknown\n  F → female "Female"\n');
    expect(text.endsWith('tests\n  ADT sample: 24 segments, fails with NOT_CHECKED_HERE\n')).toBe(true);
  });

  it("says each target's transaction request: conditional create or update, on which search, what without a value, one per record", async () => {
    const c = capture();
    const named = (type: string) => (target: string) => `  target ${target}: ${type} (conditional create on identifier; without one: create; one per record)`;
    expect(await runShow(resolve('examples/adt-a01-to-fhir.crosswalk.json'), c.io)).toBe(0);
    expect(c.out().split('\n').filter((line) => line.startsWith('  target '))).toEqual([
      '  target patient: Patient (conditional update on identifier[MR]; without one: fail)',
      '  target encounter: Encounter (conditional update on identifier; without one: PUT by id)',
      ...['bed', 'room', 'floor', 'point-of-care', 'building', 'facility'].map((level) => `  target location-${level}: Location (PUT)`),
      ...['attending-doctor', 'referring-doctor', 'consulting-doctor', 'admitting-doctor', 'other-healthcare-provider'].map(named('Practitioner')),
      '  target observation: Observation (PUT)',
      '  target allergy: AllergyIntolerance (PUT)',
      '  target condition: Condition (conditional update on identifier; without one: PUT by id)',
      named('Practitioner')('diagnosing-clinician'),
      '  target procedure: Procedure (conditional update on identifier; without one: PUT by id)',
      ...['anesthesiologist', 'surgeon', 'procedure-practitioner'].map(named('Practitioner')),
      '  target related-person: RelatedPerson (conditional update on identifier; without one: PUT by id)',
      named('Organization')('general-practice'),
      named('Practitioner')('general-practitioner'),
      '  target coverage: Coverage (PUT)',
      named('Organization')('payor'),
    ]);
  });

  it('shows a hand-edited bundle with a note instead of refusing it (a git diff of work in progress)', async () => {
    const file = writeDocsBundle('edited.crosswalk.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"path": "PID-5.1"', '"path": "PID-5.2"'));
    const c = capture();
    expect(await runShow(file, c.io)).toBe(0);
    expect(c.out()).toContain('# the content does not match its hash: the file was edited after export (the runtime refuses it as it is)\n');
    expect(c.out()).toContain('  PID-5.2 → Patient.name.family\n');
  });

  it('refuses a file that is not a bundle in one sentence, exit 2', async () => {
    const file = join(dir, 'notes.json');
    writeFileSync(file, '{"hello": "world"}');
    const c = capture();
    expect(await runShow(file, c.io)).toBe(2);
    expect(c.err()).toBe(`crosswalk show: BUNDLE_UNKNOWN_FORMAT: The bundle format is missing; this engine reads crosswalk.bundle/2 (and crosswalk.bundle/1). (${file}, at format)\n`);
  });

  it('works as a git textconv driver: the diff of a relinked field is one rule', () => {
    const repo = mkdtempSync(join(dir, 'git-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
    git('init', '-q');
    const cli = `node --import ${resolve('node_modules/tsx/dist/loader.mjs')} ${resolve('runtime/cli.ts')} show`;
    git('config', 'diff.crosswalk.textconv', cli);
    writeFileSync(join(repo, '.gitattributes'), '*.crosswalk.json diff=crosswalk\n');
    const file = join(repo, 'm.crosswalk.json');
    writeFileSync(file, readFileSync(writeDocsBundle('base.crosswalk.json'), 'utf8'));
    git('add', '.');
    git('commit', '-qm', 'base');
    const spec = parseSpec(docsExampleSpec());
    const pid = spec.maps.find((m) => m.id === 'PID[Patient]')!;
    pid.links = pid.links.map((l) => (l.id === 'l-family' ? { ...l, from: { source: 'in', path: 'PID-5.2' } } : l));
    writeFileSync(file, serializeBundle(createBundle({ metadata: { name: 'Docs example', version: '1.0.0' }, mapping: spec, tests: [{ name: 'ADT sample', input: readSample('fhirconverter_ADT-A01-01.hl7'), expectedError: 'NOT_CHECKED_HERE' }] })));
    const diff = git('diff', '--no-color', '-U0').stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(diff.filter((l) => !l.startsWith('-# ') && !l.startsWith('+# '))).toEqual(['-  PID-5.1 → Patient.name.family', '+  PID-5.2 → Patient.name.family']);
  }, 60_000);
});
