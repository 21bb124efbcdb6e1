import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

// The real CLI in a child process: argument parsing, exit codes and output as a user sees them.
const run = promisify(execFile);
const cli = ['--import', 'tsx', 'runtime/cli.ts', 'schema'];

async function crosswalk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('node', [...cli, ...args], { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('crosswalk schema', () => {
  test('hl7v2 2.5.1 ADT_A01 prints the whole tree as JSON', async () => {
    const { code, stdout } = await crosswalk('hl7v2', '2.5.1', 'ADT_A01');
    expect(code).toBe(0);
    const tree = JSON.parse(stdout);
    expect(tree).toMatchObject({ id: 'ADT_A01', kind: 'message' });
    const pid = tree.children.find((n: { id: string }) => n.id === 'PID');
    expect(pid.children[7]).toMatchObject({ path: 'PID-8', table: '0001', dataType: 'IS' });
    expect(pid.children[4].children[0].children[0]).toMatchObject({ path: 'PID-5.1.1', label: 'Surname' });
  });

  test('fhir-r4 Patient prints two levels and marks what is not expanded', async () => {
    const { code, stdout } = await crosswalk('fhir-r4', 'Patient', '--compact');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toHaveLength(2);
    const tree = JSON.parse(stdout);
    const name = tree.children.find((n: { name: string }) => n.name === 'name');
    expect(name.children.find((n: { name: string }) => n.name === 'family')).toMatchObject({ path: 'Patient.name.family', children: [] });
    const period = name.children.find((n: { name: string }) => n.name === 'period');
    expect(period).toMatchObject({ dataType: 'Period', hasChildren: true });
    expect(period.children).toBeUndefined();
  });

  test('--path, --depth, --table and --concept-map', async () => {
    const quantity = JSON.parse((await crosswalk('fhir-r4', '4.0.1', 'Observation', '--path', 'Observation.value[x]:valueQuantity', '--depth', '1')).stdout);
    expect(quantity.children.map((n: { name: string }) => n.name)).toEqual(['id', 'extension', 'value', 'comparator', 'unit', 'system', 'code']);
    const table = JSON.parse((await crosswalk('hl7v2', '2.5.1', '--table', '0001')).stdout);
    expect(table.codes.map((c: { code: string }) => c.code)).toEqual(['A', 'F', 'M', 'N', 'O', 'U']);
    const map = JSON.parse((await crosswalk('fhir-r4', '--concept-map', 'cm-administrative-gender-v2')).stdout);
    expect(map.id).toBe('cm-administrative-gender-v2');
  });

  test('unknown names exit 1 with one sentence that lists what exists', async () => {
    const version = await crosswalk('hl7v2', '2.9', 'ADT_A01');
    expect(version).toMatchObject({ code: 1, stdout: '' });
    expect(version.stderr).toBe('crosswalk: HL7 v2 version 2.9 is not available; the versions are 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1. (SCHEMA_UNKNOWN_VERSION)\n');
    const resource = await crosswalk('fhir-r4', 'patient');
    expect(resource).toMatchObject({ code: 1, stderr: 'crosswalk: FHIR R4 has no resource or data type named patient; did you mean Patient? (SCHEMA_UNKNOWN_TYPE)\n' });
  });

  test('json and csv infer a schema from a sample file', async () => {
    const csv = await crosswalk('csv', '../shared/reference/v2-to-fhir-ig/cs_AdministrativeSex.csv', '--header-row', '2');
    expect(csv.code).toBe(0);
    expect(JSON.parse(csv.stdout).children.slice(0, 3).map((n: { path: string }) => n.path)).toEqual(['$.Code', '$.Text', '$["Code System"]']);
    const json = await crosswalk('json', '../shared/reference/hl7v2-samples/expected-fhir-converter/fhirconverter_ORU-R01-01-expected.json', '--depth', '1');
    const entry = JSON.parse(json.stdout).children.find((n: { name: string }) => n.name === 'entry');
    expect(entry).toMatchObject({ path: '$.entry', repeating: true, hasChildren: true });
    expect(entry.children).toBeUndefined();
    expect(await crosswalk('json', 'no-such-sample.json')).toMatchObject({
      code: 1, stderr: 'crosswalk: The sample file no-such-sample.json does not exist. (SCHEMA_SAMPLE_UNREADABLE, no-such-sample.json)\n',
    });
  });

  test('usage errors exit 2 with one line; --help exits 0', async () => {
    expect(await crosswalk('hl7')).toMatchObject({ code: 2, stderr: 'crosswalk: unknown standard "hl7"; use hl7v2, fhir-r4, json or csv.\n' });
    expect(await crosswalk('hl7v2', '2.5.1', 'PID', '--depth', 'all')).toMatchObject({ code: 2, stderr: 'crosswalk: --depth takes a whole number of levels, not "all".\n' });
    const help = await crosswalk('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('crosswalk schema hl7v2 2.5.1 ADT_A01');
  });
});
