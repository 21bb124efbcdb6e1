import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHl7 } from '../../shared/common/hl7v2';
import { mapMessage } from '../../shared/common/mapping/execute/mapMessage';
import { readSample } from '../../shared/node/fixtures/referenceFixtures';
import { compileBundleFile } from '../../shared/node/runtime/compileBundle';
import { captureIo } from './captureIo';
import { runNew } from './new';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-new-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crosswalk new --from-ig', () => {
  it('writes a bundle of the IG\'s VXU_V04 that loads, compiles and maps a real VXU, and prints the counts', async () => {
    const out = join(dir, 'vxu.crosswalk.json');
    const c = captureIo();
    expect(await runNew({ fromIg: 'VXU_V04', version: '2.5.1', timezone: '-05:00', out }, c.io)).toBe(0);
    const lines = c.out().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `${out}: VXU_V04 (HL7 v2.5.1) from the HL7 v2-to-FHIR IG: 60 maps (33 generated from IG tables, 27 from the map library), 28 value maps.`,
      '993 IG rows: 162 links, 66 conditions, 242 notes, 523 the IG leaves unmapped; references: 5 links, 1 notes; 3 remarks kept as notes.',
      '  70 notes: the chosen v2 version has no such element',
    ]);
    expect(lines).toContain(`Times sent without an offset are read as -05:00 (settings.defaultTimezone); the notes are listed by crosswalk show ${out}.`);
    expect(c.err()).toBe('');

    const compiled = await compileBundleFile(out, { validate: true });
    expect(compiled.bundle.metadata).toMatchObject({ name: 'VXU_V04 from the HL7 v2-to-FHIR IG', version: '0.1.0' });
    const outcome = mapMessage(compiled, parseHl7(readSample('fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7').replace(/^\uFEFF/, '')), { validate: true });
    expect(outcome.ok).toBe(true);
    const immunization = outcome.ok ? (outcome.output as { entry: Array<{ resource: Record<string, unknown> }> }).entry.find((e) => e.resource.resourceType === 'Immunization')?.resource : undefined;
    expect(immunization).toMatchObject({ occurrenceDateTime: '2012-08-14', vaccineCode: { coding: [{ code: '140', system: 'http://hl7.org/fhir/sid/cvx' }] } });
  });

  it('refuses to replace a file without --force, and an IG message map it does not have, with exit status 2', async () => {
    const existing = join(dir, 'taken.crosswalk.json');
    writeFileSync(existing, 'keep me');
    const c = captureIo();
    await expect(runNew({ fromIg: 'ORU_R01', out: existing }, c.io)).rejects.toThrow(`${existing} already exists; choose another --out or add --force to replace it.`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    await expect(runNew({ fromIg: 'ORU_R01', timezone: 'CET', out: join(dir, 'cet.crosswalk.json') }, c.io)).rejects.toThrow('--timezone takes Z or an offset like +01:00, not "CET".');
    const unknown = join(dir, 'unknown.crosswalk.json');
    expect(await runNew({ fromIg: 'ORU_R30', out: unknown }, c.io)).toBe(2);
    expect(c.err()).toMatch(/^crosswalk new: IG_UNKNOWN_MESSAGE: The HL7 v2-to-FHIR IG has no message map ORU_R30; it has ADT_A01, /);
    expect(existsSync(unknown)).toBe(false);
  });

  it('is listed by crosswalk --help and says what it does in its own help', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(cli(['--help']).stdout).toMatch(/\n {2}new \[options\] +start a mapping bundle from an HL7 v2-to-FHIR IG message map\n/);
    const help = cli(['new', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--from-ig <message>');
    expect(help.stdout).toContain('crosswalk new --from-ig VXU_V04 --out vxu.crosswalk.json');
    // --version after the command is the HL7 version the maps read, not the program's version.
    const out = join(dir, 'oru26.crosswalk.json');
    const v26 = cli(['new', '--from-ig', 'ORU_R01', '--version', '2.6', '--out', out]);
    expect([v26.status, v26.stdout.split('\n')[0].split(': ').slice(1).join(': ').replace(/:.*$/, '')]).toEqual([0, 'ORU_R01 (HL7 v2.6) from the HL7 v2-to-FHIR IG']);
    expect(cli(['--version']).stdout).toBe('0.1.0\n');
    const missing = cli(['new', '--from-ig', 'VXU_V04']);
    expect([missing.status, missing.stderr]).toEqual([2, 'crosswalk: name the bundle to write with --out, e.g. --out vxu.crosswalk.json.\n']);
  });
});
