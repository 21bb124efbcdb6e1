import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledBundle } from '../../../runtime/index';
import { captureIo } from '../../../runtime/commands/captureIo';
import { runRun } from '../../../runtime/commands/run';
import { runTest } from '../../../runtime/commands/test';
import { createBundle, loadBundle, serializeBundle } from '../../../shared/common/bundle';
import { writeJson } from '../../../shared/common/json/writeJson';
import { compiledExample, mapOne, outputOf, readSample, resources, withFields } from './clinicalFixture';

// Clinical edge cases on real messages, one behaviour each, with the exact output text: decimals
// keep the precision sent, times are never given an offset nobody sent, units claim UCUM only when
// they are UCUM, and hex escapes read in the message's character set.

const ORU = 'examples/oru-r01-to-observations.crosswalk.json';
let oru: CompiledBundle;
const dir = mkdtempSync(join(tmpdir(), 'crosswalk-clinical-'));

beforeAll(async () => {
  oru = await compiledExample(ORU);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The NIST LRI CBC report (fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7) with OBX-5 (and OBX-6) of its first OBX set as a lab would send them. */
function cbc(results: Record<number, { value: string; units?: string }>): string {
  let text = readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7');
  for (const [n, { value, units }] of Object.entries(results)) text = withFields(text, 'OBX', Number(n), units === undefined ? { 5: value } : { 5: value, 6: units });
  return text;
}

/** Just the values of the Observations that have a valueQuantity, as written. */
function values(text: string): string[] {
  return resources(outputOf(mapOne(oru, text)), 'Observation').flatMap((o) => (o.valueQuantity === undefined ? [] : [writeJson((o.valueQuantity as { value: unknown }).value)]));
}

describe('FHIR decimals keep the precision sent (issue 10, item 4)', () => {
  const sent = () => cbc({ 1: { value: '4.410' }, 2: { value: '12.50' }, 3: { value: '0.040' }, 6: { value: '091.0' }, 8: { value: '+32.40' } });

  it('writes 4.410, 12.50, 0.040, 91.0 and 32.40 as sent (leading zeros and + dropped, as FHIR decimals require)', () => {
    expect(values(sent())).toEqual(['4.410', '12.50', '0.040', '105600', '210000', '91.0', '29', '32.40', '10.5', '0.1', '0.1', '3', '3', '2.1', '2', '41.2', '39', '58', '55']);
  });

  it('writes them the same in `crosswalk run` output, with one thread and with workers', async () => {
    const input = join(dir, 'cbc.hl7');
    writeFileSync(input, sent());
    for (const workers of [1, 2]) {
      const io = captureIo();
      expect(await runRun(ORU, [input], { workers }, io.io)).toBe(0);
      const line = io.out().trim();
      expect(line).toContain('"valueQuantity":{"value":12.50,');
      expect(line).toContain('"valueQuantity":{"value":0.040,');
      expect(line).toContain('"valueQuantity":{"value":91.0,');
      expect(JSON.parse(line)).toEqual(JSON.parse(writeJson(outputOf(mapOne(oru, sent())))));
    }
  });

  it('keeps them through a bundle test case: written, hashed and compared as text (`crosswalk test`)', async () => {
    const expected = outputOf(mapOne(oru, sent()));
    const { spec } = loadBundle(readFileSync(ORU, 'utf8'), ORU);
    const file = join(dir, 'cbc.crosswalk.json');
    const bundle = createBundle({ metadata: { name: 'CBC', version: '1.0.0' }, mapping: spec, tests: [{ name: 'CBC with trailing zeros', input: sent(), expected }] });
    const text = serializeBundle(bundle);
    expect(text).toContain('"value": 12.50,');
    writeFileSync(file, text);
    // Read back: the hash matches only if 12.50 is still 12.50, and the case passes.
    const passing = captureIo();
    expect(await runTest(file, passing.io)).toBe(0);
    expect(passing.out().trim().split('\n').pop()).toBe('1 passed, 0 failed');
    // An expected output that says 12.5 is another value: FHIR counts a decimal's precision.
    const loose = createBundle({ metadata: { name: 'CBC', version: '1.0.0' }, mapping: spec, tests: [{ name: 'CBC written through a JavaScript number', input: sent(), expected: JSON.parse(writeJson(expected)) as unknown }] });
    writeFileSync(file, serializeBundle(loose));
    const failing = captureIo();
    expect(await runTest(file, failing.io)).toBe(1);
    const hemoglobin = expected.entry.findIndex((e) => writeJson(e.resource.valueQuantity ?? null).startsWith('{"value":12.50,'));
    expect(failing.out()).toContain(`entry[${hemoglobin}].resource.valueQuantity.value\n    expected: 12.5\n    actual:   12.50\n`);
  });
});
