import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../common/hl7v2';
import { genderMapping } from './testing/genderMapping';
import { createStudioClient, dispatchStudioText } from '../../common/studio';
import { listFunctions } from '../../common/functions';
import { openDefaultNodeStudio } from './openDefaultNodeStudio';

// The Studio API over the real engine (generated schema indexes, function library), through the
// same client and dispatcher the hosts use, with a JSON round trip as HTTP would do.
const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: '/tmp/crosswalk-test', workspaceFile: ':memory:' });
const api = createStudioClient((method, args) => dispatchStudioText(studio.api, method, args));
const v251 = { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } as const;
const patient = { standard: 'fhir-r4', version: '4.0.1', structure: 'Patient' } as const;

describe('Studio API services over the engine', () => {
  it('lists the standards and versions of the schema catalog', async () => {
    expect(await api.listSchemaStandards()).toEqual([
      { standard: 'hl7v2', label: 'HL7 v2', versions: ['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1'] },
      { standard: 'fhir-r4', label: 'FHIR R4', versions: ['4.0.1'] },
    ]);
    const structures = await api.listSchemaStructures({ standard: 'hl7v2', version: '2.5.1' });
    expect(structures.find((s) => s.name === 'ADT_A01')).toEqual({ name: 'ADT_A01', kind: 'message', description: 'Admit/visit notification' });
  });

  it('loads the ADT_A01 root one level deep, then PID lazily', async () => {
    const { nodes: [root] } = await api.loadSchemaTree({ ...v251, depth: 1 });
    expect(root.id).toBe('ADT_A01');
    expect(root.children?.slice(0, 4).map((n) => [n.id, n.kind, n.min, n.max])).toEqual([
      ['MSH', 'segment', 1, 1], ['SFT', 'segment', 0, '*'], ['EVN', 'segment', 1, 1], ['PID', 'segment', 1, 1],
    ]);
    expect(root.children?.[3].children).toBeUndefined();
    const { nodes: fields } = await api.loadSchemaTree({ ...v251, path: 'PID', depth: 1 });
    const pid8 = fields.find((n) => n.path === 'PID-8');
    expect(pid8).toMatchObject({ id: 'PID-8', label: 'Administrative Sex', dataType: 'IS', table: '0001', min: 0, max: 1, repeating: false });
  });

  it('expands FHIR elements on demand and finds fields by search', async () => {
    const { nodes } = await api.loadSchemaTree({ ...patient, path: 'Patient.name', depth: 1, hideBoilerplate: true });
    expect(nodes.map((n) => n.id)).toEqual([
      'Patient.name.use', 'Patient.name.text', 'Patient.name.family', 'Patient.name.given', 'Patient.name.prefix', 'Patient.name.suffix', 'Patient.name.period',
    ]);
    expect(await api.searchSchema({ ...patient, query: 'gender', limit: 1 })).toEqual([
      { id: 'Patient.gender', path: 'Patient.gender', name: 'gender', label: 'gender', dataType: 'code', ancestors: ['Patient'] },
    ]);
  });

  it('reports an unknown structure as the catalog\'s CrosswalkError', async () => {
    await expect(api.loadSchemaTree({ ...v251, structure: 'ADT_Z99' })).rejects.toMatchObject({ code: 'SCHEMA_UNKNOWN_STRUCTURE', where: { path: 'ADT_Z99' } });
  });

  it('finds the standard v2 0001 gender concept map and expands administrative-gender', async () => {
    const maps = await api.listTerminology({ kind: 'conceptMap', query: 'administrative gender v2' });
    expect(maps.map((m) => m.id)).toContain('cm-administrative-gender-v2');
    const map = await api.getConceptMap({ idOrUrl: 'cm-administrative-gender-v2' });
    expect(map).toMatchObject({ resourceType: 'ConceptMap', url: 'http://hl7.org/fhir/ConceptMap/cm-administrative-gender-v2' });
    expect(await api.expandValueSet({ url: 'http://hl7.org/fhir/ValueSet/administrative-gender' })).toEqual({
      url: 'http://hl7.org/fhir/ValueSet/administrative-gender',
      complete: true,
      concepts: [
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'other', display: 'Other' },
        { system: 'http://hl7.org/fhir/administrative-gender', code: 'unknown', display: 'Unknown' },
      ],
    });
  });

  it('lists every library function as metadata', async () => {
    const functions = await api.listFunctions();
    expect(functions.map((f) => f.id)).toEqual(listFunctions().map((f) => f.id));
    expect(functions.every((f) => !('apply' in f))).toBe(true);
  });

  it('runs a preview on a real ADT^A01 with the runtime engine, traced and validated', async () => {
    const input = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/fhirconverter_ADT-A01-01.hl7'), 'utf8');
    expect(parseHl7(input).get('PID-8')).toBe('M');
    const outcome = await api.runPreview({ document: { mapping: genderMapping() }, input, trace: true, validate: true });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const entries = outcome.output.entry as { resource: Record<string, unknown>; request: unknown }[];
    expect(entries.map((e) => e.resource)).toEqual([{ resourceType: 'Patient', gender: 'male' }]);
    expect(outcome.trace?.[0]).toMatchObject({ output: 'entry[0].resource.gender', link: 'ADT_A01/l-gender-out', sources: [{ path: 'PID-8[1]', value: 'M' }] });

    // The analyst edits PID-8 in the sample: the output follows.
    const female = parseHl7(input);
    female.set('PID-8', 'F');
    const edited = await api.runPreview({ document: { mapping: genderMapping() }, input: female.toString() });
    expect(edited.ok && (edited.output.entry as { resource: { gender: string } }[])[0].resource.gender).toBe('female');
  });

  it('reports a message or mapping problem as the preview\'s error', async () => {
    const notHl7 = await api.runPreview({ document: { mapping: genderMapping() }, input: 'PID|1||12345' });
    expect(notHl7.ok).toBe(false);
    expect(!notHl7.ok && notHl7.error.code).toMatch(/^HL7_/);
    const dangling = { ...genderMapping(), links: [{ id: 'l1', from: { node: 'missing', port: 'out' }, to: { target: 'patient', path: 'Patient.gender' } }] };
    const broken = await api.runPreview({ document: dangling, input: 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1' });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error.code).toMatch(/^SPEC_/);
  });

  it('keeps samples per mapping in the workspace', async () => {
    await api.saveSamples({ mappingKey: '/m/a.json', samples: [{ name: 'one', text: 'MSH|^~\\&|A' }] });
    expect(await api.listSamples({ mappingKey: '/m/a.json' })).toEqual([{ name: 'one', text: 'MSH|^~\\&|A' }]);
  });

  it('says plainly that the web host has no native dialog', async () => {
    await expect(api.chooseOpenPath()).rejects.toMatchObject({ code: 'CW_STUDIO_NO_DIALOG', message: 'This host has no native file dialog; choose the file in the page instead.' });
  });
});
