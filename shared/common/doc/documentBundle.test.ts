import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../node/schema';
import { readSample, samplesDir } from '../../node/fixtures/referenceFixtures';
import { readBundleJson, type ShowableBundle } from '../bundle';
import { parseHl7 } from '../hl7v2';
import { applyRowEdit } from '../mapping/edit/rowEdits';
import type { DocBlock, DocCell, MappingDocument } from './DocumentModel';
import { documentBundle, documentModel } from './documentBundle';
import { documentHtml, escapeHtml } from './documentHtml';
import { documentMarkdown } from './documentMarkdown';

// The documentation of the shipped ADT example (the committed bundle), with its test cases run.
const file = 'examples/adt-a01-to-fhir.crosswalk.json';
const bundleText = readFileSync(file, 'utf8');
const loaded = readBundleJson(JSON.parse(bundleText), file);
const bundle: ShowableBundle = { ...loaded.content, format: loaded.bundle.format, hash: loaded.bundle.hash };
const catalog = nodeSchemaCatalog();

let doc: MappingDocument;
beforeAll(async () => {
  doc = await documentModel(bundle, catalog);
});

/** The first table after the heading with this text, as its cells' texts. */
function tableAfter(d: MappingDocument, heading: string): { columns: string[]; rows: string[][]; cells: DocCell[][] } {
  const at = d.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const table = d.blocks.slice(at).find((b): b is Extract<DocBlock, { kind: 'table' }> => b.kind === 'table');
  if (!table) throw new Error(`no table after ${heading}`);
  return { columns: table.columns, rows: table.rows.map((r) => r.map((c) => c.text)), cells: table.rows };
}

const fact = (d: MappingDocument, label: string): string | undefined => d.blocks.flatMap((b) => (b.kind === 'facts' ? b.rows : [])).find(([l]) => l === label)?.[1].text;

describe('the documentation model', () => {
  it('opens with the metadata, the test results and the coverage figure', () => {
    expect([doc.title, doc.subtitle]).toEqual(['ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)', 'Version 1.0.0 · by Crosswalk examples · HL7 v2 → FHIR R4 interface specification']);
    expect(fact(doc, 'Accepts')).toBe('ADT_A01: ADT^A01, ADT^A04, ADT^A08, ADT^A13');
    expect(fact(doc, 'Test cases')).toBe('4 of 4 passed');
    expect(fact(doc, 'Coverage')).toBe('28.9% of the valued sample fields read (375 of 1299, 3 samples mapped)');
    expect(fact(doc, 'Bundle')).toBe(`crosswalk.bundle/2 ${loaded.bundle.hash} · crosswalk.mapping/2`);
  });

  it('writes each map\'s rules as a table: target, source, transforms, value map, condition, note', () => {
    const pid = tableAfter(doc, '2.2 Segment map PID[Patient]');
    expect(pid.columns).toEqual(['Target element', 'Source', 'Transforms', 'Value map', 'Condition', 'Note']);
    expect(pid.rows).toContainEqual(['Patient.gender', 'PID-8', '', 'v2-0001-gender', '', '']);
    expect(pid.rows).toContainEqual(['Patient.identifier', 'PID-3', 'CX[Identifier]', '', '', '']);
    expect(pid.rows).toContainEqual(['Patient.telecom', 'for each PID-13', '', '', 'PID-13.1 != null or PID-13.4 != null or PID-13.7 != null or PID-13.12 != null', '']);
    expect(pid.rows).toContainEqual(['Patient.telecom.use', 'PID-13.2, PID-13.3', "'home'", '', "PID-13.2 = null and not (PID-13.3 = 'CP')", '']);
    const gender = pid.cells.find((r) => r[0].text === 'Patient.gender') as DocCell[];
    expect(gender[3]).toEqual({ text: 'v2-0001-gender', code: true, href: 'vm-v2-0001-gender' });
    expect(pid.cells.find((r) => r[0].text === 'Patient.telecom.use')?.[0].indent).toBe(1);
    const message = tableAfter(doc, '2.1 Message map ADT_A01');
    expect(message.rows.slice(0, 3)).toEqual([
      ['patient: Patient', 'PID', 'PID[Patient]', '', '', ''],
      ['patient: Patient', 'PD1', 'PD1[Patient]', '', '', ''],
      ['patient: Patient.contact', 'for each NK1', '', '', '', ''],
    ]);
  });

  it('lists each value map with its codes, displays, systems and each row\'s review status', () => {
    const gender = tableAfter(doc, '3.2 Administrative sex (v2 0001) → FHIR gender');
    expect(gender.rows).toEqual([
      ['F', 'female', 'Female', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
      ['M', 'male', 'Male', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
      ['O', 'other', 'Other', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
      ['U', 'unknown', 'Unknown', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
      ['A', 'other', 'Other', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
      ['N', 'other', 'Other', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed'],
    ]);
  });

  it('gives each test case its result', () => {
    expect(tableAfter(doc, '4. Test cases').rows).toEqual(bundle.tests.map((t, i) => [
      t.name,
      [
        'gives 1 Patient, 1 Encounter, 6 Location, 10 Practitioner, 1 Observation, 1 AllergyIntolerance, 1 Condition, 1 Procedure, 1 RelatedPerson, 2 Organization, 1 Coverage',
        'gives 1 Patient, 1 Encounter, 5 Location, 1 Practitioner, 1 Condition, 1 RelatedPerson, 3 Coverage, 3 Organization', 'gives 1 Patient', 'fails with MESSAGE_NOT_ACCEPTED',
      ][i],
      'passed',
      '',
    ]));
  });

  it('shows a failed test case with the elements that differ', async () => {
    const expected = structuredClone(bundle.tests[1].expected) as { entry: Array<{ resource: Record<string, unknown> }> };
    const actual = expected.entry[0].resource.gender;
    expected.entry[0].resource.gender = 'other';
    const tests = bundle.tests.map((t, i) => (i === 1 ? { ...t, expected: expected as typeof t.expected } : t));
    const failed = await documentModel({ ...bundle, tests }, catalog);
    expect(fact(failed, 'Test cases')).toBe('3 of 4 passed');
    expect(tableAfter(failed, '4. Test cases').rows[1].slice(2)).toEqual(['failed', `entry[0].resource.gender: expected "other", got ${JSON.stringify(actual)}`]);
  });

  it('notes the deviations: map descriptions, and the library\'s for library maps used as shipped', () => {
    const notes = tableAfter(doc, '6. Deviations and notes');
    expect(notes.rows).toContainEqual(['PID[Patient]', "The patient from the PID segment, as the IG's PID[Patient] map says (examples/README.md lists what is left out)."]);
    const library = doc.blocks.filter((b): b is Extract<DocBlock, { kind: 'table' }> => b.kind === 'table' && b.className === 'deviations')[0];
    expect(library.rows.map((r) => r[0].text)).toContain('XTN[ContactPoint]');
    expect(library.rows.map((r) => r.map((c) => c.text))).toContainEqual(['HD[uri]', 'HD.1 → $value', "A namespace id (MRN, a facility mnemonic) is not a URI, and FHIR requires system to be one; CX[Identifier] gives it as assigner.display instead."]);
  });

  it('counts a sample that is a test case\'s input once, as the test case', async () => {
    const samples = [...bundle.tests.map((t) => ({ name: `again ${t.name}`, text: t.input })), { name: 'other.hl7', text: readSample('fhirconverter_ADT01-23.hl7').replace('DUCK^DONALD^D', 'ZEBRAFAMILY^QUINTUS^Q') }];
    const d = await documentModel(bundle, catalog, samples);
    expect(tableAfter(d, '5. Coverage').rows.map((r) => r[0])).toEqual([...bundle.tests.map((t) => `test case: ${t.name}`), 'other.hl7']);
    expect(fact(d, 'Coverage')).toBe('30.3% of the valued sample fields read (448 of 1480, 4 samples mapped)');
  });

  it('documents a mapping that does not compile, saying why where the results would be', async () => {
    const broken = applyRowEdit(bundle.mapping, { kind: 'target', map: 'PID[Patient]', link: 'l-gender', path: 'Patient.sex' });
    const d = await documentModel({ ...bundle, mapping: broken }, catalog);
    expect(fact(d, 'Test cases')).toMatch(/^not run: /);
    expect(fact(d, 'Coverage')).toMatch(/^not computed: /);
    expect(tableAfter(d, '2.2 Segment map PID[Patient]').rows).toContainEqual(['Patient.sex', 'PID-8', '', 'v2-0001-gender', '', '']);
  });
});

describe('HTML and Markdown', () => {
  it('renders the same rows in both', () => {
    const html = documentHtml(doc);
    const markdown = documentMarkdown(doc);
    expect(html).toContain('<tr><td><code>Patient.gender</code></td><td><code>PID-8</code></td><td></td><td><a href="#vm-v2-0001-gender"><code>v2-0001-gender</code></a></td><td></td><td></td></tr>');
    expect(markdown).toContain('| `Patient.gender` | `PID-8` |  | [`v2-0001-gender`](#vm-v2-0001-gender) |  |  |');
    expect(markdown).toContain('| `F` | `female` | Female | `http://hl7.org/fhir/administrative-gender` |  |  |');
  });

  it('is one self-contained page: no script, no external reference, a CSP that refuses any', () => {
    const html = documentHtml(doc);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).every((href) => href.startsWith('#'))).toBe(true);
  });

  it('escapes every text', async () => {
    const name = '<script>alert("x")</script> & | `Co` *bold*';
    const d = await documentModel({ ...bundle, metadata: { ...bundle.metadata, name } }, catalog);
    const html = documentHtml(d);
    expect(html).toContain(`<title>${escapeHtml(name)}</title>`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; | `Co` *bold*');
    expect(html).not.toContain('<script');
    expect(documentMarkdown(d).split('\n')[0]).toBe('# \\<script\\>alert("x")\\</script\\> & \\| \\`Co\\` \\*bold\\*');
  });
});

describe('patient data', () => {
  it('never writes a value of a sample that is not one of the bundle\'s test cases', async () => {
    const inBundle = new Set(bundle.tests.map((t) => t.input));
    const files = readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort();
    // An ADT message the mapping maps, with a name no file here holds; and every reference sample not in the bundle.
    const renamed = readSample('fhirconverter_ADT01-23.hl7').replace('DUCK^DONALD^D', 'ZEBRAFAMILY^QUINTUS^Q');
    const samples = [{ name: 'renamed.hl7', text: renamed }, ...files.map((name) => ({ name, text: readSample(name) })).filter((s) => !inBundle.has(s.text))];
    const texts = await Promise.all((['html', 'markdown'] as const).map((format) => documentBundle(bundle, catalog, format, samples)));
    // Values that neither the bundle, nor the document made without these samples, nor the samples' names hold: none may appear.
    const without = (await Promise.all((['html', 'markdown'] as const).map((format) => documentBundle(bundle, catalog, format)))).join('\n');
    const names = samples.map((s) => s.name).join(' ');
    const values = new Set(samples.flatMap((s) => parseHl7(s.text).leaves().map((leaf) => leaf.value ?? ''))
      .filter((v) => v.length >= 4 && /[A-Za-z]/.test(v) && !bundleText.includes(v) && !names.includes(v) && !without.includes(v) && !without.includes(escapeHtml(v))));
    expect(values.has('ZEBRAFAMILY')).toBe(true);
    expect(values.size).toBe(614);
    for (const text of texts) expect([...values].filter((v) => text.includes(v) || text.includes(escapeHtml(v)))).toEqual([]);
    // The samples did count: coverage names them and their figures.
    expect(texts[1]).toContain('| renamed.hl7 | `ADT_A01` | 181 | 73 | 40.3% |');
  });
});
