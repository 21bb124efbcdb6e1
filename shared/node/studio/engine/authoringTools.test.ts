import { describe, expect, it } from 'vitest';
import { createStudioClient, dispatchStudioCall, dispatchStudioText } from '../../../common/studio';
import { readSample } from '../../fixtures/referenceFixtures';
import { openDefaultNodeStudio } from '../openDefaultNodeStudio';

// The Studio API's authoring calls (coverage, rows, documentation) over the real engine, through the
// same client and dispatcher the hosts use, with the JSON text both hosts carry.
const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp/crosswalk-test', workspaceFile: ':memory:' });
const api = createStudioClient((method, args) => dispatchStudioText(studio.api, method, args));
const example = () => api.getExample({ id: 'adt-a01-to-fhir' });

describe('Studio API: authoring', () => {
  it('lists the mapping as the table view\'s rows, and as CSV', async () => {
    const { bundle } = await example();
    const { maps, csv } = await api.listMappingRows({ document: bundle });
    const gender = maps.find((m) => m.map === 'PID[Patient]')?.rows.find((r) => r.targetPath === 'Patient.gender');
    expect(gender).toMatchObject({ id: 'PID[Patient]/l-gender', sources: ['PID-8'], valueMaps: ['v2-0001-gender'], rule: 'PID-8 → Patient.gender via v2-0001-gender', links: ['l-gender-in', 'l-gender'], nodes: ['gender'] });
    expect(csv.split('\r\n')[0]).toBe('map,kind,target element,source paths,transforms,value maps,conditions,note,row');
    expect(csv).toContain('\r\nPID[Patient],value,Patient.gender,PID-8,,v2-0001-gender,,,PID[Patient]/l-gender\r\n');
  });

  it('computes coverage over the samples the studio holds', async () => {
    const { bundle } = await example();
    const coverage = await api.computeCoverage({ document: bundle, samples: [{ name: 'adt', text: readSample('fhirconverter_ADT01-23.hl7') }, { name: 'oru', text: readSample('fhirconverter_ORU-R01-RMGEAD.hl7') }] });
    expect(coverage.figure).toEqual({ used: 73, valued: 181, percent: 40.3 });
    expect(coverage.samples.map((s) => [s.name, s.ok, s.error?.code ?? s.map])).toEqual([['adt', true, 'ADT_A01'], ['oru', false, 'MESSAGE_NOT_ACCEPTED']]);
    expect(coverage.targets.every((t) => t.missing.length === 0)).toBe(true);
  });

  it('returns the documentation as HTML or Markdown, named after the mapping', async () => {
    const { bundle } = await example();
    const html = await api.exportDocumentation({ document: bundle, format: 'html' });
    expect(html.fileName).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.html');
    expect(html.text.startsWith('<!DOCTYPE html>')).toBe(true);
    const markdown = await api.exportDocumentation({ document: bundle, format: 'markdown', samples: [{ name: 'adt', text: readSample('fhirconverter_ADT01-23.hl7') }] });
    expect(markdown.fileName).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.md');
    expect(markdown.text).toContain('| adt | `ADT_A01` | 181 | 73 | 40.3% |');
  });

  it('refuses a document that is not a mapping, and arguments of the wrong shape', async () => {
    await expect(api.listMappingRows({ document: { format: 'crosswalk.mapping/2', maps: [] } })).rejects.toMatchObject({ code: 'SPEC_INVALID' });
    await expect(dispatchStudioCall(studio.api, 'computeCoverage', { document: {}, samples: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'CW_STUDIO_BAD_ARGS' } });
    await expect(dispatchStudioCall(studio.api, 'exportDocumentation', { document: {}, format: 'pdf' })).resolves.toMatchObject({ ok: false, error: { code: 'CW_STUDIO_BAD_ARGS' } });
  });
});
