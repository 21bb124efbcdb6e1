import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
