import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { recordRequests, studioHost } from './studioHost';
import { openMap, targetRow } from './studioPage';

/** Calls the web host's Studio API, as the studio's client does. */
async function call<T>(page: Page, method: string, data: unknown): Promise<T> {
  const { origin, token } = studioHost();
  const reply = await page.request.post(`${origin}/api/${method}`, { headers: { 'x-crosswalk-token': token }, data });
  const envelope = (await reply.json()) as { ok: boolean; value: T; error?: unknown };
  expect(envelope.ok, JSON.stringify(envelope.error)).toBe(true);
  return envelope.value;
}

/** The cell texts of the first table of this class after the heading with this id, row by row (the browser's own HTML parser read them). */
async function tableAfter(page: Page, id: string, className: string): Promise<string[][]> {
  return page.evaluate(([headingId, wanted]) => {
    let at = document.getElementById(headingId)?.nextElementSibling;
    while (at && !(at.tagName === 'TABLE' && at.classList.contains(wanted))) at = at.nextElementSibling;
    return [...(at?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
  }, [id, className] as const);
}

test('the ADT example\'s interface document, read in Chromium: rules, value map codes, test results; self-contained and printable', async ({ page }) => {
  const { bundle } = await call<{ bundle: unknown }>(page, 'getExample', { id: 'adt-a01-to-fhir' });
  const { fileName, text } = await call<{ fileName: string; text: string }>(page, 'exportDocumentation', { document: bundle, format: 'html' });
  expect(fileName).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.html');

  const requests = recordRequests(page);
  await page.setContent(text, { waitUntil: 'load' });
  await expect(page.locator('h1')).toHaveText('ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)');

  const pid = await tableAfter(page, 'map-PID-Patient', 'rules');
  expect(pid).toContainEqual(['Patient.gender', 'PID-8', '', 'v2-0001-gender', '', '']);
  expect(pid).toContainEqual(['Patient.identifier', 'PID-3', 'CX[Identifier]', '', '', '']);
  expect(pid).toContainEqual(['Patient.telecom.use', 'PID-13.2, PID-13.3', "'home'", '', "PID-13.2 = null and not (PID-13.3 = 'CP')", '']);
  expect((await tableAfter(page, 'map-ADT-A01', 'rules'))[0]).toEqual(['patient: Patient', 'PID', 'PID[Patient]', '', '', '']);
  expect(await tableAfter(page, 'vm-v2-0001-gender', 'codes')).toContainEqual(['F', 'female', 'Female', 'http://hl7.org/fhir/administrative-gender', '', '', 'unreviewed']);
  const tests = await tableAfter(page, 'tests', 'tests');
  expect(tests.map((row) => row[2])).toEqual(['passed', 'passed', 'passed', 'passed']);
  expect(tests[3].slice(0, 2)).toEqual(['An ORU^R01 is refused with a clear error (fhirconverter_ORU-R01-RMGEAD.hl7)', 'fails with MESSAGE_NOT_ACCEPTED']);

  // Every link points at a heading of the page itself, and the page asked for nothing.
  const broken = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((href) => !href.startsWith('#') || !document.getElementById(href.slice(1))));
  expect(broken).toEqual([]);
  expect(requests).toEqual([]);

  await page.setViewportSize({ width: 1400, height: 1300 });
  await page.screenshot({ path: 'docs/screenshots/documentation.png' });
  await page.locator('#map-PID-Patient').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, (document.getElementById('map-PID-Patient')?.getBoundingClientRect().top ?? 0) + window.scrollY - 16));
  await page.screenshot({ path: 'docs/screenshots/documentation-rules.png' });

  // Printable: A4 landscape, a section per page.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(10);
});

test('the studio exports the document it shows: Documentation ▾ → HTML (its tables read back in Chromium, an unsaved edit in them, the studio\'s samples counted) and Markdown', async ({ page, browser }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });

  // An unsaved edit: PV1[Encounter] no longer writes the required Encounter.class.
  await openMap(page, 'PV1[Encounter]');
  await targetRow(page, 'Encounter.class').click();
  await page.getByTestId('tab-link').click();
  await page.getByTestId('delete-link-l-class').click();
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();

  await page.getByRole('button', { name: 'Documentation ▾' }).click();
  await expect(page.getByRole('menu', { name: 'Export documentation' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/studio-documentation-menu.png' });
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export documentation as HTML' }).click()]);
  expect(html.suggestedFilename()).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.html');
  await expect(page.getByTestId('toast-info')).toContainText('Downloaded adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.html.');

  const doc = await browser.newPage();
  const requests = recordRequests(doc);
  await doc.setContent(readFileSync(await html.path(), 'utf8'), { waitUntil: 'load' });
  await expect(doc.locator('h1')).toHaveText('ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)');
  expect(await tableAfter(doc, 'map-PID-Patient', 'rules')).toContainEqual(['Patient.gender', 'PID-8', '', 'v2-0001-gender', '', '']);
  const encounter = await tableAfter(doc, 'map-PV1-Encounter', 'rules');
  expect(encounter.map((row) => row[0])).not.toContain('Encounter.class');
  expect(await tableAfter(doc, 'coverage', 'gaps')).toContainEqual(['PV1[Encounter]', 'out', 'Encounter.class', '1', '', '']);
  // The studio's samples are the example's test inputs, counted once each, as the test cases.
  const samples = await tableAfter(doc, 'coverage', 'samples');
  expect(samples.map((row) => row.slice(1))).toEqual([['ADT_A01', '1055', '278', '26.4%'], ['ADT_A01', '181', '73', '40.3%'], ['ADT_A01', '63', '24', '38.1%'], ['not mapped: MESSAGE_NOT_ACCEPTED', '—', '—', '—']]);
  expect(samples.every((row) => row[0].startsWith('test case: '))).toBe(true);
  await doc.setViewportSize({ width: 1400, height: 1000 });
  await doc.evaluate(() => window.scrollTo(0, (document.getElementById('coverage')?.getBoundingClientRect().top ?? 0) + window.scrollY - 16));
  await doc.screenshot({ path: 'docs/screenshots/studio-documentation-coverage.png' });
  expect(requests).toEqual([]);
  await doc.close();

  // The menu from the keyboard: it opens on the first item, ↓ reaches Markdown, Enter exports it.
  await page.getByRole('button', { name: 'Documentation ▾' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Export documentation as HTML' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Export documentation as Markdown' })).toBeFocused();
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(markdown.suggestedFilename()).toBe('adt-a01-to-fhir-r4-hl7-v2-to-fhir-ig.md');
  const md = readFileSync(await markdown.path(), 'utf8');
  expect(md.split('\n')[0]).toBe('# ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)');
  expect(md).toContain('| `Patient.gender` | `PID-8` |');
});
