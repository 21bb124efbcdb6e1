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
    expect(structures.find((s) => s.name === 'ADT_A01')).toEqual({ name: 'ADT_A01', kind: 'message', description: 'Admit/visit notification', events: ['A01', 'A04', 'A08', 'A13'] });
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

  it('gives the tree of a JSON or CSV source as its schema says: inferred from the sample, with the author\'s fields', async () => {
    const { nodes: [root] } = await api.loadSourceSchemaTree({ schema: { standard: 'json', sample: '{"patientId":"K-1","readings":[{"systolic":128,"measuredAt":"2026-03-02T07:41:00+01:00"}]}', fields: [{ path: '$.patientId', type: 'string' }] } });
    const brief = (n: typeof root): string[] => [`${n.path} ${n.kind} ${n.dataType ?? '-'} ${n.min}..${n.max}`, ...(n.children ?? []).flatMap(brief)];
    expect(brief(root)).toEqual([
      '$ object - 1..1', '$.patientId value string 1..1', '$.readings object - 0..*', '$.readings.systolic value number 1..1', '$.readings.measuredAt value dateTime 1..1',
    ]);
    const { nodes: [row] } = await api.loadSourceSchemaTree({ schema: { standard: 'csv', sample: 'id;systolic\n1;128\n', delimiter: ';' } });
    expect(brief(row)).toEqual(['$ object - 1..1', '$.id value number 1..1', '$.systolic value number 1..1']);
    expect(await api.loadSourceSchemaTree({ schema: { standard: 'json' } })).toEqual({ nodes: [] });
    await expect(api.loadSourceSchemaTree({ schema: { standard: 'csv', sample: 'a\n"open' } })).rejects.toMatchObject({ code: 'SPEC_BAD_SAMPLE', where: { line: 2, column: 1, path: 'schema.sample' } });
  });

  it('gives every shipped example through the client, its test inputs as samples named as its test cases', async () => {
    const listed = await api.listExamples();
    expect(listed.map((e) => e.id)).toEqual(['adt-a01-to-fhir', 'home-blood-pressure-to-fhir', 'mdm-t02-to-documentreference', 'oru-r01-to-observations', 'vxu-v04-to-immunization']);
    for (const { id } of listed) {
      const example = await api.getExample({ id });
      const tests = (example.bundle.tests as { name: string }[]).map((t) => t.name);
      expect(example.samples.map((s) => s.name)).toEqual(tests);
    }
  });

  it('previews a JSON document with the mapping\'s own reader, traced to the JSON path; a malformed one fails at its line and column', async () => {
    const example = await api.getExample({ id: 'home-blood-pressure-to-fhir' });
    const sample = example.samples[0].text;
    const outcome = await api.runPreview({ document: example.bundle, input: sample, trace: true, validate: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect((outcome.output as { entry: unknown[] }).entry).toHaveLength(10);
    expect(outcome.trace?.find((t) => t.output === 'entry[1].resource.effectiveDateTime')).toMatchObject({ sources: [{ path: '$.readings[0].measuredAt', value: '2026-03-02T07:41:00+01:00' }] });
    const bad = await api.runPreview({ document: example.bundle, input: sample.replace('"systolic": 128,', '"systolic": 128,,') });
    // The sample is the test input as the bundle keeps it: lines joined by CR; the second comma is where it breaks.
    const line = sample.split('\r')[9];
    expect(bad).toMatchObject({ ok: false, stage: 'parse', error: { code: 'JSON_INVALID', where: { line: 10, column: line.indexOf('"systolic": 128,') + 17 } } });
  });

  it("lists a resource's search parameters, saying which a conditional request can search by and why not the others", async () => {
    const parameters = await api.listSearchParameters({ resource: 'Patient' });
    expect(parameters.find((p) => p.name === 'identifier')).toEqual({ name: 'identifier', type: 'token', expression: 'Patient.identifier', conditional: true });
    expect(parameters.find((p) => p.name === 'birthdate')).toEqual({
      name: 'birthdate', type: 'date', expression: 'Patient.birthDate',
      conditional: 'The search parameter birthdate of Patient is a date parameter; a conditional request searches by token or uri parameters (identifier, code, status …), which match exactly.',
    });
    expect(parameters.filter((p) => p.conditional === true).map((p) => p.name)).toEqual(['active', 'address-use', 'gender', 'identifier', 'language', 'telecom']);
    await expect(api.listSearchParameters({ resource: 'Patients' })).rejects.toMatchObject({ code: 'SCHEMA_UNKNOWN_TYPE' });
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

  it('lists the IG message maps a mapping can start from', async () => {
    const messages = await api.listIgMessages();
    expect(messages.map((m) => m.message)).toEqual(['ADT_A01', 'ADT_A02', 'ADT_A05', 'ADT_A06', 'ADT_A09', 'ADT_A11', 'ADT_A17', 'MDM_T02', 'OML_O21', 'ORM_O01', 'ORU_R01', 'SIU_S12', 'VXU_V04']);
    expect(messages.find((m) => m.message === 'VXU_V04')).toEqual({ message: 'VXU_V04', type: 'VXU', event: 'V04', description: 'Unsolicited vaccination record update' });
  });

  it('starts a mapping from the IG\'s VXU_V04 that previews a real VXU at once and saves as a bundle', async () => {
    const created = await api.newMappingFromIg({ message: 'VXU_V04', version: '2.5.1', defaultTimezone: '+01:00' });
    expect(created.name).toBe('VXU_V04 from the HL7 v2-to-FHIR IG');
    expect(created.bundle.metadata).toMatchObject({ name: 'VXU_V04 from the HL7 v2-to-FHIR IG', version: '0.1.0' });
    expect((created.bundle.mapping as { settings: unknown }).settings).toEqual({ defaultTimezone: '+01:00' });
    expect(created.report.counts).toMatchObject({ rows: 993, links: 162, conditions: 66, notes: 242, unmapped: 523 });
    expect(created.report.summary[1]).toBe('993 IG rows: 162 links, 66 conditions, 242 notes, 523 the IG leaves unmapped; references: 5 links, 1 notes; 3 remarks kept as notes.');
    expect(created.report.notes.find((n) => n.node === 'todo-PID-19')?.reason).toBe('narrative-condition');

    const input = readFileSync(resolve(process.cwd(), '../shared/reference/hl7v2-samples/izgateway_VXU_V04.hl7'), 'utf8');
    const outcome = await api.runPreview({ document: created.bundle, input, validate: true });
    expect(outcome.ok).toBe(true);
    const immunizations = outcome.ok ? (outcome.output.entry as { resource: { resourceType: string; vaccineCode?: unknown } }[]).filter((e) => e.resource.resourceType === 'Immunization') : [];
    expect(immunizations.map((e) => e.resource.vaccineCode)).toEqual([
      { coding: [{ code: '85', display: 'hep B, unspec', system: 'http://hl7.org/fhir/sid/cvx' }] },
      { coding: [{ code: '110', display: 'DTaP HIB IPV', system: 'http://hl7.org/fhir/sid/cvx' }] },
      { coding: [{ code: '48', display: 'HIB PRP-T', system: 'http://hl7.org/fhir/sid/cvx' }] },
    ]);
    const saved = await api.serializeBundle({ bundle: created.bundle });
    expect(saved.fileName).toBe('vxu_v04-from-the-hl7-v2-to-fhir-ig.crosswalk.json');
    expect(JSON.parse(saved.text).format).toBe('crosswalk.bundle/2');
  });

  it('refuses an IG message map name of another shape, naming the field, and one the IG does not have', async () => {
    await expect(api.newMappingFromIg({ message: 'VXU^V04' })).rejects.toMatchObject({ code: 'CW_STUDIO_BAD_ARGS', message: 'newMappingFromIg: message: An IG message map is named like VXU_V04.' });
    await expect(api.newMappingFromIg({ message: 'ORU_R30' })).rejects.toMatchObject({ code: 'IG_UNKNOWN_MESSAGE' });
  });

  it('keeps samples per mapping in the workspace', async () => {
    await api.saveSamples({ mappingKey: '/m/a.json', samples: [{ name: 'one', text: 'MSH|^~\\&|A' }] });
    expect(await api.listSamples({ mappingKey: '/m/a.json' })).toEqual([{ name: 'one', text: 'MSH|^~\\&|A' }]);
  });

  it('says plainly that the web host has no native dialog', async () => {
    await expect(api.chooseOpenPath()).rejects.toMatchObject({ code: 'CW_STUDIO_NO_DIALOG', message: 'This host has no native file dialog; choose the file in the page instead.' });
  });
});
