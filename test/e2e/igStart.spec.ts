import { expect, test } from '@playwright/test';
import { readSample } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';
import { openBundle, previewJson, resources } from './studioPage';

// The engine side of "Start from the HL7 v2-to-FHIR IG" as the studio will use it: the Studio API
// makes the document, the studio opens it, its notes are on the canvas and a real VXU previews.
test('a mapping started from the IG\'s VXU_V04 opens in the studio with its notes and previews a real VXU', async ({ page }) => {
  const { origin, token, url } = studioHost();
  await page.goto(url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const reply = await page.request.post(`${origin}/api/newMappingFromIg`, { headers: { 'x-crosswalk-token': token }, data: { message: 'VXU_V04' } });
  const created = (await reply.json()).value as { bundle: { mapping: unknown }; report: { counts: { notes: number } } };
  expect(created.report.counts.notes).toBe(240);
  const input = readSample('izgateway_VXU_V04.hl7');
  await openBundle(page, 'vxu-from-ig', created.bundle.mapping, [{ name: 'izgateway', input, expectedError: 'NOT_CHECKED' }]);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'VXU_V04');
  await expect.poll(async () => resources(await previewJson(page), 'Immunization').map((r) => (r.vaccineCode as { coding: { code: string }[] }).coding[0].code), { timeout: 30_000 }).toEqual(['85', '110', '48']);

  await page.getByTestId('maps-panel').getByRole('button', { name: 'RXA[Immunization]', exact: true }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'RXA[Immunization]');
  const note = page.getByTestId('op-node-todo-RXA-17');
  await expect(note).toContainText('To do');
  await expect(note).toContainText('it creates an Organization resource from RXA-17 and references it');
  await page.screenshot({ path: 'test-results/ig-start-rxa.png' });
});
