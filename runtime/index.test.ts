import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { adtTestSpec } from '../shared/node/fixtures/adtTestSpec';
import { readSample } from '../shared/node/fixtures/referenceFixtures';
import { compile, createBundle, CrosswalkError, loadBundle, loadBundleText, parseSpec, run, serializeBundle } from './index';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runtime library: loadBundle, compile, run', () => {
  const text = serializeBundle(createBundle({ metadata: { name: 'lib', version: '1' }, mapping: parseSpec(adtTestSpec()) }));

  it('maps every message of a batch text, reporting bad ones in place', async () => {
    const file = join(dir, 'lib.crosswalk.json');
    writeFileSync(file, text);
    const mapping = await compile(await loadBundle(file), { validate: true });
    const adt = readSample('fhirconverter_ADT-A01-01.hl7');
    const results = run(mapping, `${adt}MSH|^~\\&|X\rPID|1||A^^^^MR\r${readSample('lfh_ORU-multiline-short-mixed.hl7')}`, { validate: true, file: 'batch.hl7' });
    expect(results.map((r) => [r.position, r.ok])).toEqual([[1, true], [2, true], [3, false]]);
    const [first, second, third] = results;
    if (!first.ok || !second.ok || third.ok) throw new Error('unexpected outcomes');
    expect(first.output.entry[0].resource.resourceType).toBe('Patient');
    expect(second.output.entry[0].resource.identifier).toEqual([{ value: 'A', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } }]);
    expect(third.error).toMatchObject({ code: 'OUTPUT_INVALID', where: { file: 'batch.hl7', message: 3 } });
    expect(third.issues?.length).toBeGreaterThan(0);
  });

  it('adds the trace on request, and refuses validation it was not compiled for', async () => {
    const mapping = await compile(loadBundleText(text));
    const [result] = run(mapping, readSample('fhirconverter_ADT01-23.hl7'), { trace: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.trace?.find((t) => t.targetPath === 'Patient.gender')?.sources[0].path).toBe('PID-8[1]');
    expect(() => run(mapping, 'MSH|^~\\&|', { validate: true })).toThrow(CrosswalkError);
  });

  it('refuses a tampered bundle', () => {
    expect(() => loadBundleText(text.replace('"version": "1"', '"version": "2"'))).toThrow('The bundle content does not match its hash');
  });

  it('reads a JSON bundle\'s text as JSON: NDJSON lines with ndjson, each bad line a result with its line and column', async () => {
    const mapping = await compile(await loadBundle('examples/home-blood-pressure-to-fhir.crosswalk.json'));
    const week = JSON.parse(readFileSync('examples/samples/home-blood-pressure/week-mmhg.json', 'utf8')) as Record<string, unknown>;
    const line = JSON.stringify(week);
    const results = run(mapping, `${line}\n{"patientId": }\n${line}\n`, { ndjson: true, file: 'bp.ndjson' });
    expect(results.map((r) => [r.position, r.line, r.ok ? r.output.entry.length : r.error])).toEqual([
      [1, 1, 10],
      [2, 2, { code: 'JSON_INVALID', message: 'The JSON is not valid at line 2, column 15: a value is expected here (an object, array, string, number, true, false or null).', where: { file: 'bp.ndjson', line: 2, column: 15, offset: line.length + 15 } }],
      [3, 3, 10],
    ]);
    const [whole] = run(mapping, JSON.stringify(week, null, 2));
    expect(whole.ok && whole.output.entry.map((e) => e.resource.resourceType)).toEqual(['Device', ...Array(5).fill('Observation'), ...Array(4).fill('Observation')]);
  });
});
