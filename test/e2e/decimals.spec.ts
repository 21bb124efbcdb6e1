import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compile, loadBundleText, run } from '../../runtime/index';
import { writeJson } from '../../shared/common/json/writeJson';
import { readSample } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';

// Issue 10, item 4: a decimal sent as 12.50 is 12.50 in the studio too: in the preview text, after
// a bundle's expected output crossed the web host, and in the test case the studio compares.

const ORU = 'examples/oru-r01-to-observations.crosswalk.json';
const cbc = readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7').replace('||12.5|g/mL', '||12.50|g/mL');

/** Opens the ORU example with one test case, sent to the host as JSON text that keeps 12.50 (Playwright's own `data` would write 12.5). */
async function openWithTest(page: Page, expected: unknown): Promise<string> {
  const { origin, token } = studioHost();
  const loaded = loadBundleText(readFileSync(ORU, 'utf8'), ORU);
  const body = writeJson({ bundle: { metadata: { name: 'cbc', version: '1.0.0' }, mapping: loaded.spec, tests: [{ name: 'CBC with 12.50', input: cbc, expected }] } });
  const reply = await page.request.post(`${origin}/api/serializeBundle`, { headers: { 'x-crosswalk-token': token, 'content-type': 'application/json' }, data: body });
  const { text } = (await reply.json()).value as { text: string };
  await page.getByTestId('open-file').setInputFiles({ name: 'cbc.crosswalk.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('document-title')).toContainText('cbc.crosswalk.json');
  return text;
}

test('12.50 stays 12.50 in the preview and in a test case the studio compares as text', async ({ page }) => {
  const compiled = await compile(loadBundleText(readFileSync(ORU, 'utf8'), ORU));
  const [result] = run(compiled, cbc);
  if (!result.ok) throw new Error(result.error.message);
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });

  expect(await openWithTest(page, result.output)).toContain('"value": 12.50,');
  await expect(page.getByTestId('preview-output')).toContainText('"value": 12.50,', { timeout: 20_000 });
  await page.getByTestId('tab-tests').click();
  await expect(page.getByTestId('test-result')).toContainText('PASS');

  // The same case written through a JavaScript number: 12.5 is another value, and the diff says where.
  await openWithTest(page, JSON.parse(writeJson(result.output)));
  await page.getByTestId('tab-tests').click();
  await expect(page.getByTestId('test-result')).toContainText('FAIL — CBC with 12.50: 1 difference');
  const row = page.getByTestId('test-result').locator('tr', { hasText: '.valueQuantity.value' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('td.diff-old')).toHaveText('12.5');
  await expect(row.locator('td.diff-new')).toHaveText('12.50');
});
