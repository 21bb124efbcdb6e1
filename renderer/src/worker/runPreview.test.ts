import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { runPreview } from './runPreview';

const sample = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');

const spec: MappingSpec = {
  format: 'crosswalk.mapping/1',
  sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
  targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
  nodes: [{ id: 'gender', kind: 'valueMap', valueMapId: 'sex' }],
  links: [
    { id: 'l-sex', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender', port: 'in' } },
    { id: 'l-gender', from: { node: 'gender', port: 'code' }, to: { target: 'patient', path: 'Patient.gender' } },
    { id: 'l-family', from: { source: 'msg', path: 'PID-5.1' }, to: { target: 'patient', path: 'Patient.name.family' } },
  ],
  valueMaps: [{
    id: 'sex', name: 'v2 0001 → administrative-gender', targetSystem: 'http://hl7.org/fhir/administrative-gender',
    entries: [{ source: 'F', target: 'female' }, { source: 'M', target: 'male' }], unmapped: { kind: 'default', code: 'unknown' },
  }],
  settings: {},
};

describe('runPreview (the worker side of the live preview)', () => {
  it('maps a real ADT^A01 with the engine and traces every value to its source', async () => {
    const result = await runPreview({ runId: 7, spec, sample });
    expect(result.error).toBeUndefined();
    expect(result.runId).toBe(7);
    const patient = (result.output as { entry: { resource: Record<string, unknown> }[] }).entry[0].resource;
    expect(patient.gender).toBe('male');
    expect(patient.name).toEqual([{ family: 'EVERYMAN' }]);
    const gender = result.trace.find((t) => t.targetPath === 'Patient.gender');
    expect(gender).toMatchObject({ outputPath: 'entry[0].resource.gender', target: 'patient', value: 'male', nodes: ['gender'], sources: [{ path: 'PID-8[1]', value: 'M' }] });
    expect(gender?.links).toEqual(expect.arrayContaining(['l-sex', 'l-gender']));
    expect(result.outputText).toBe(JSON.stringify(result.output, null, 2));
    expect(result.sourceValues['PID-8']).toBe('M');
    expect(result.sourceValues['PID-5.1']).toBe('EVERYMAN');
  });

  it('reports a sample that does not parse with its position, and no output', async () => {
    const result = await runPreview({ runId: 1, spec, sample: 'PID|1||123' });
    expect(result.output).toBeUndefined();
    expect(result.error).toMatchObject({ stage: 'parse', code: 'HL7_NO_MSH' });
  });

  it('reports a mapping the compiler refuses, naming the link', async () => {
    const broken: MappingSpec = { ...spec, links: [...spec.links, { id: 'l-bad', from: { source: 'msg', path: 'PID-8' }, to: { target: 'patient', path: 'Patient.nosuch' } }] };
    const result = await runPreview({ runId: 2, spec: broken, sample });
    expect(result.error?.where.link).toBe('l-bad');
    expect(result.output).toBeUndefined();
  });

  it('gives the analyst the value that failed as the error\'s detail, apart from the shared sentence', async () => {
    // A value map fed from the family name, refusing what it does not know.
    const refusing: MappingSpec = {
      ...spec,
      links: spec.links.map((link) => (link.id === 'l-sex' ? { ...link, from: { source: 'msg', path: 'PID-5.1' } } : link)),
      valueMaps: [{ ...spec.valueMaps[0], unmapped: { kind: 'error' } }],
    };
    const result = await runPreview({ runId: 3, spec: refusing, sample });
    expect(result.error).toEqual({
      stage: 'execute',
      code: 'VALUEMAP_UNMAPPED',
      message: 'Value map "v2 0001 → administrative-gender" has no entry for the code it was given, and its policy for unmapped codes is error.',
      where: { node: 'gender' },
      detail: 'EVERYMAN',
    });
  });
});
