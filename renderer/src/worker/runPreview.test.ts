import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import { runBundleTests } from '../../../shared/common/bundle/runBundleTests';
import { compileWithCatalog } from '../../../shared/common/mapping/compile/compileWithCatalog';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { testCaseDiff } from '../preview/testCaseDiff';
import type { TestCase } from '../state/bundleAccess';
import { runPreview } from './runPreview';
import { loadBundle } from '../../../shared/common/bundle/loadBundle';
import { Decimal } from '../../../shared/common/json/Decimal';
import { parseJson } from '../../../shared/common/json/parseJson';
import { writeJson } from '../../../shared/common/json/writeJson';
import { jsonLines } from '../preview/jsonLines';
import { readPreviewResult } from '../preview/workerProtocol';

const sample = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');
// The docs' worked example: a message map calling a segment map calling a data type map.
const spec = parseSpec(docsExampleSpec());

describe('runPreview (the worker side of the live preview)', () => {
  it('maps a real ADT^A01 through the maps and traces every value through each map it crossed', async () => {
    const result = await runPreview({ runId: 7, spec, sample });
    expect(result.error).toBeUndefined();
    expect(result.runId).toBe(7);
    expect(result.map).toBe('ADT_A01');
    const patient = (result.output as { entry: { resource: Record<string, unknown> }[] }).entry[0].resource;
    expect(patient.gender).toBe('male');
    expect(patient.name).toEqual([{ family: 'EVERYMAN' }]);
    const gender = result.trace.find((t) => t.outputPath === 'entry[0].resource.gender');
    expect(gender).toMatchObject({ target: 'patient', targetPath: 'Patient.gender', value: 'male', link: 'PID[Patient]/l-gender-out', sources: [{ path: 'PID-8[1]', value: 'M' }] });
    expect(gender?.nodes).toEqual(expect.arrayContaining(['ADT_A01/pid', 'PID[Patient]/gender']));
    expect(gender?.links).toEqual(expect.arrayContaining(['ADT_A01/l-pid-in', 'PID[Patient]/l-gender-in']));
    expect(result.outputText).toBe(JSON.stringify(result.output, null, 2));
    expect(result.sourceValues['PID-8']).toBe('M');
  });

  it('says where each segment went in the message structure', async () => {
    const result = await runPreview({ runId: 3, spec, sample: `${sample.trimEnd()}\rZPI|1|custom` });
    expect(result.placements[0]).toEqual({ segment: 1, id: 'MSH', group: '', how: 'expected' });
    expect(result.placements[result.placements.length - 1]).toMatchObject({ id: 'ZPI', how: 'unexpected' });
  });

  it('reports a sample that does not parse with its position, and no output', async () => {
    const result = await runPreview({ runId: 1, spec, sample: 'PID|1||123' });
    expect(result.output).toBeUndefined();
    expect(result.error).toMatchObject({ stage: 'parse', code: 'HL7_NO_MSH' });
  });

  it('reports a mapping the compiler refuses, naming the map and the link', async () => {
    const broken: MappingSpec = { ...spec, maps: spec.maps.map((m) => (m.id === 'PID[Patient]' ? { ...m, links: [...m.links, { id: 'l-bad', from: { source: 'in', path: 'PID-8' }, to: { target: 'out', path: 'Patient.nosuch' } }] } : m)) };
    const result = await runPreview({ runId: 2, spec: broken, sample });
    expect(result.error).toMatchObject({ stage: 'compile', where: { map: 'PID[Patient]', link: 'l-bad' } });
    expect(result.output).toBeUndefined();
  });

  it('gives the analyst the value that failed as the error\'s detail, apart from the shared sentence', async () => {
    // A value map fed from the family name, refusing what it does not know.
    const refusing: MappingSpec = {
      ...spec,
      maps: spec.maps.map((map) => (map.id !== 'PID[Patient]' ? map : {
        ...map,
        links: map.links.map((link) => (link.id === 'l-gender-in' && 'source' in link.from ? { ...link, from: { ...link.from, path: 'PID-5.1' } } : link)),
      })),
      valueMaps: spec.valueMaps.map((v) => (v.id === spec.valueMaps[0].id ? { ...v, unmapped: { kind: 'error' } } : v)),
    };
    const result = await runPreview({ runId: 3, spec: refusing, sample });
    expect(result.error).toEqual({
      stage: 'execute',
      code: 'VALUEMAP_UNMAPPED',
      message: 'Value map "v2 0001 Administrative Sex → FHIR administrative-gender" has no entry for the code it was given, and its policy for unmapped codes is error.',
      where: { map: 'PID[Patient]', node: 'gender' },
      detail: 'EVERYMAN',
    });
  });
});

describe('the studio and `crosswalk test` agree on a test case', () => {
  it('report the same differences between an expected output and the real one', async () => {
    const preview = await runPreview({ runId: 9, spec, sample });
    // An expected output a reviewer saved earlier: another gender, a member since removed, keys in another order.
    const expected = JSON.parse(JSON.stringify(preview.output)) as { entry: { resource: Record<string, unknown> }[] };
    const patient = expected.entry[0].resource;
    expected.entry[0].resource = { birthDate: '1980-01-01', ...patient, gender: 'female' };
    const test: TestCase = { name: 'adt', input: sample, expected: expected as TestCase['expected'] };
    const studio = testCaseDiff(test, preview);
    const runtime = runBundleTests(await compileWithCatalog(spec, nodeSchemaCatalog()), [test])[0].differences;
    expect(studio).toEqual([
      { path: 'entry[0].resource.birthDate', expected: '1980-01-01', actual: undefined },
      { path: 'entry[0].resource.gender', expected: 'female', actual: 'male' },
    ]);
    expect(runtime).toEqual(studio);
  });
});

describe('decimals in the preview (issue 10, item 4)', () => {
  // The shipped ORU example on the NIST LRI CBC report with hemoglobin sent as 12.50 g/mL.
  const oru = loadBundle(readFileSync(resolve(process.cwd(), 'examples/oru-r01-to-observations.crosswalk.json'), 'utf8')).spec;
  const cbc = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7'), 'utf8').replace('||12.5|g/mL', '||12.50|g/mL');

  it('shows 12.50 in the output text and the trace, after the result crossed from the worker, and the test case diff compares it as text', async () => {
    const result = readPreviewResult(writeJson(await runPreview({ runId: 4, spec: oru, sample: cbc })));
    expect(result.error).toBeUndefined();
    expect(result.outputText).toContain('"value": 12.50,');
    expect(jsonLines(result.output).map((l) => l.text).join('\n')).toBe(result.outputText);
    const value = result.trace.find((t) => t.targetPath === 'Quantity.value' && writeJson(t.value) === '12.50');
    expect(value?.value).toEqual(new Decimal('12.50'));
    // Saved as expected, then compared: equal to itself, and 12.5 is another value.
    const test: TestCase = { name: 'cbc', input: cbc, expected: parseJson(writeJson(result.output)) as TestCase['expected'] };
    expect(testCaseDiff(test, result)).toEqual([]);
    const loose: TestCase = { ...test, expected: JSON.parse(writeJson(result.output)) as TestCase['expected'] };
    expect(testCaseDiff(loose, result)).toEqual([{ path: `${value?.outputPath}`, expected: 12.5, actual: new Decimal('12.50') }]);
  });
});

describe('a mapping over JSON or CSV in the preview (issue 9, item 4)', () => {
  const bp = loadBundle(readFileSync(resolve(process.cwd(), 'examples/home-blood-pressure-to-fhir.crosswalk.json'), 'utf8')).spec;
  const week = readFileSync(resolve(process.cwd(), 'examples/samples/home-blood-pressure/week-mmhg.json'), 'utf8');

  it('gives the source rows the document\'s values at the inferred tree\'s paths, the first reading\'s where they repeat', async () => {
    const result = await runPreview({ runId: 5, spec: bp, sample: week });
    expect(result.error).toBeUndefined();
    expect(result.sourceValues['$.patientId']).toBe('K-0042917');
    expect(result.sourceValues['$.device.model']).toBe('HEM-7361T');
    expect(result.sourceValues['$.readings.systolic']).toBe('128');
    expect(result.sourceValues['$.readings.irregularHeartbeat']).toBe('false');
    expect(result.sourceValues['$.readings.measuredAt']).toBe('2026-03-02T07:41:00+01:00');
    expect(result.sourceValues['$.readings']).toBeUndefined();
  });

  it('gives a CSV row\'s columns, and none for a document that does not read', async () => {
    const csvSpec: MappingSpec = { ...bp, maps: bp.maps.map((m) => (m.kind === 'message' ? { ...m, sources: [{ id: m.sources[0].id, schema: { standard: 'csv' as const } }], links: [] } : m)) };
    const csv = readFileSync(resolve(process.cwd(), 'examples/samples/home-blood-pressure/week-mmhg.csv'), 'utf8');
    const result = await runPreview({ runId: 6, spec: csvSpec, sample: csv });
    expect(result.sourceValues['$.systolic']).toBe('128');
    expect(result.sourceValues['$.model']).toBe('HEM-7361T');
    expect((await runPreview({ runId: 7, spec: bp, sample: '{"readings": [' })).sourceValues).toEqual({});
  });
});
