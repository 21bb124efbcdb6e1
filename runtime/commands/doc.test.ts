import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../shared/node/fixtures/referenceFixtures';
import { captureIo } from './captureIo';
import { UsageError } from './CommandModule';
import { docFormat, runDoc } from './doc';

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const adt = resolve('examples/adt-a01-to-fhir.crosswalk.json');

describe('crosswalk doc', () => {
  it('writes one self-contained HTML page to --out', async () => {
    const out = join(dir, 'adt.html');
    const c = captureIo();
    expect(await runDoc(adt, { out }, c.io)).toBe(0);
    expect([c.out(), c.err()]).toEqual(['', '']);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h3 id="map-PID-Patient">2.2 Segment map PID[Patient]</h3>');
    expect(html).toContain('<span class="pass">4 of 4 passed</span>');
  });

  it('writes Markdown to an .md file, and to stdout without --out', async () => {
    const out = join(dir, 'adt.md');
    expect(await runDoc(adt, { out }, captureIo().io)).toBe(0);
    const c = captureIo();
    expect(await runDoc(adt, {}, c.io)).toBe(0);
    expect(c.out()).toBe(readFileSync(out, 'utf8'));
    expect(c.out().split('\n')[0]).toBe('# ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)');
  });

  it('measures coverage on --sample messages too, and reports a sample it cannot read', async () => {
    const feed = join(dir, 'feed');
    mkdirSync(feed);
    copyFileSync(join(samplesDir, 'fhirconverter_ADT01-23.hl7'), join(feed, 'a.hl7'));
    writeFileSync(join(feed, 'b.hl7'), 'not a message');
    const c = captureIo();
    expect(await runDoc(adt, { format: 'md', sample: [feed] }, c.io)).toBe(1);
    expect(c.out()).toContain('| a.hl7 | `ADT_A01` | 181 | 73 | 40.3% |');
    expect(c.err()).toMatch(/^crosswalk doc: HL7_NO_MSH: .*b\.hl7/);
  });

  it('refuses what is not a bundle (exit 2) and says why in one line', async () => {
    const notJson = join(dir, 'x.crosswalk.json');
    writeFileSync(notJson, '{ nope');
    const c = captureIo();
    expect(await runDoc(notJson, {}, c.io)).toBe(2);
    expect(c.err()).toBe(`crosswalk doc: BUNDLE_NOT_JSON: The bundle file is not valid JSON. (${notJson})\n`);
  });

  it.each([
    [{ out: 'a.html' }, 'html'], [{ out: 'a.HTM' }, 'html'], [{ out: 'a.md' }, 'markdown'], [{ out: 'a.markdown' }, 'markdown'], [{}, 'markdown'], [{ out: 'a.txt', format: 'html' }, 'html'],
  ])('picks the format from %j', (options, format) => {
    expect(docFormat(options)).toBe(format);
  });

  it('refuses an output it cannot name a format for', () => {
    expect(() => docFormat({ out: 'a.txt' })).toThrow(new UsageError('--out names an .html or .md file (or give --format html|md).'));
    expect(() => docFormat({ format: 'pdf' })).toThrow(new UsageError('--format is html or md, not "pdf".'));
  });

  it('is a command of the CLI, with its help', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'runtime/cli.ts', 'doc', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: crosswalk doc [options] <bundle>');
    expect(help.stdout).toContain('crosswalk doc adt.crosswalk.json --out adt-interface.html');
  });
});
