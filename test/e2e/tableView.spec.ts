import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ROWS_CSV_COLUMNS } from '../../shared/common/mapping/read/rowsCsv';
import { studioHost } from './studioHost';
import { afterPreview, previewJson, resources, sourceRow, targetRow } from './studioPage';

const shots = 'docs/screenshots';

/** The `use` of each telecom of the preview's Patient. */
async function telecomUses(page: Parameters<typeof previewJson>[0]): Promise<unknown[]> {
  const patient = resources(await previewJson(page), 'Patient')[0] as { telecom?: { use?: string }[] };
  return (patient.telecom ?? []).map((t) => t.use);
}

test('the table view: filter and sort, edit a constant and a source in place (the preview follows, one undo step each), open the canvas at a link, keyboard, CSV', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const before = await telecomUses(page);
  expect(before).toContain('work');

  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const table = page.getByTestId('mapping-table');
  await expect(table).toBeVisible();
  const count = page.getByTestId('mapping-table-count');
  await expect(count).toHaveText(/^\d+ rows$/);
  const total = Number((await count.textContent())?.split(' ')[0]);
  await page.screenshot({ path: `${shots}/studio-table.png` });

  // Filter: by map, then by words.
  await page.getByLabel('Map', { exact: true }).selectOption('PID[Patient]');
  await expect(count).toHaveText(new RegExp(`^\\d+ of ${total} rows$`));
  const pidRows = table.locator('tbody tr');
  expect(new Set(await pidRows.locator('td[data-column="map"]').allTextContents())).toEqual(new Set(['PID[Patient]']));
  await page.getByLabel('Search rows').fill('telecom.use');
  await expect(pidRows).toHaveCount(2);
  expect(await pidRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id')))).toEqual(['PID[Patient]/l-telecom-use', 'PID[Patient]/l-telecom-use-2']);
  await expect(pidRows.first().locator('td[data-column="condition"]')).toHaveText("PID-13.2 = null and not (PID-13.3 = 'CP')");

  // Sort by the transforms column, descending: 'work' before 'home'.
  await page.getByRole('button', { name: 'Transforms' }).click();
  await page.getByRole('button', { name: 'Transforms ▲' }).click();
  await expect(page.getByRole('columnheader', { name: 'Transforms ▼' })).toHaveAttribute('aria-sort', 'descending');
  expect(await pidRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id')))).toEqual(['PID[Patient]/l-telecom-use-2', 'PID[Patient]/l-telecom-use']);

  // Edit the constant 'work' in place: the preview writes the new use; one undo brings 'work' back.
  const constant = page.getByLabel('Constant of PID[Patient]/l-telecom-use-2', { exact: true });
  await expect(constant).toHaveValue('work');
  await afterPreview(page, async () => {
    await constant.fill('temp');
    await constant.press('Enter');
  });
  await expect.poll(() => telecomUses(page)).toEqual(before.map((u) => (u === 'work' ? 'temp' : u)));
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  await page.screenshot({ path: `${shots}/studio-table-edit.png` });
  await afterPreview(page, () => page.getByTestId('undo').click());
  await expect(constant).toHaveValue('work');
  await expect.poll(() => telecomUses(page)).toEqual(before);

  // A direct link's source edits in place too: Address.city read from XAD.4 (the state) instead of XAD.3.
  const address = async () => (resources(await previewJson(page), 'Patient')[0] as { address?: { city?: string; state?: string }[] }).address?.[0];
  const first = await address();
  expect(first?.state).toBeTruthy();
  await page.getByLabel('Map', { exact: true }).selectOption('XAD[Address]');
  await page.getByLabel('Search rows').fill('address.city');
  const source = page.getByLabel('Source of XAD[Address]/l-city', { exact: true });
  await expect(source).toHaveValue('XAD.3');
  await afterPreview(page, async () => {
    await source.fill('XAD.4');
    await source.press('Enter');
  });
  await expect.poll(async () => (await address())?.city).toBe(first?.state);
  await afterPreview(page, () => page.getByTestId('undo').click());
  await expect(source).toHaveValue('XAD.3');
  await expect.poll(async () => (await address())?.city).toBe(first?.city);

  // Keyboard: from the search, ↓ reaches the first row, ↓ the next, Enter opens the canvas at its link.
  // (Patient.gender, not NK1's Patient.contact.gender.)
  await page.getByLabel('Search rows').fill('patient.gender');
  await page.getByLabel('Map', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Transforms ▼' }).click();
  await expect(pidRows.first()).toHaveAttribute('data-row-id', 'PID[Patient]/l-gender');
  await expect(page.getByLabel('Value map of PID[Patient]/l-gender', { exact: true })).toHaveValue('v2-0001-gender');
  await page.getByLabel('Search rows').press('ArrowDown');
  await expect(pidRows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');
  await expect(page.getByTestId('link-details')).toContainText('l-gender value in PID[Patient]');
  await expect(targetRow(page, 'Patient.gender')).toBeVisible();
  await expect(targetRow(page, 'Patient.gender')).toHaveClass(/schema-row--highlight/);
  await page.screenshot({ path: `${shots}/studio-table-open-link.png` });

  // A row in another map, by its button: that map is shown, the link's source row scrolled into view.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await page.getByLabel('Search rows').fill('identifier.value');
  await page.getByLabel('Map', { exact: true }).selectOption('PV1[Encounter]');
  await page.getByRole('button', { name: 'Open PV1[Encounter]/l-identifier-value on the canvas' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PV1[Encounter]');
  await expect(page.getByTestId('link-details')).toContainText('l-identifier-value value in PV1[Encounter]');
  await expect(sourceRow(page, 'PV1-19.1')).toBeInViewport();

  // CSV: the model's columns, one line per row of the whole mapping.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('ADT-A01-to-FHIR-R4-HL7-v2-to-FHIR-IG-rows.csv');
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe(ROWS_CSV_COLUMNS.join(','));
  expect(csv.length).toBe(total + 2);
});
