import { expect, test, type Page } from '@playwright/test';
import { studioHost } from './studioHost';
import { openMap, previewJson, resources } from './studioPage';

/** Retypes the sample's PID-8 (found through the editor's find, after the unique PID-7 text). */
async function retypePid8(page: Page, anchor: string, oldValue: string, newValue: string): Promise<void> {
  await page.getByTestId('sample-input').click({ position: { x: 120, y: 12 } });
  await expect(page.getByTestId('sample-input').locator('.monaco-editor')).toHaveClass(/focused/);
  await page.keyboard.press('Control+F');
  await page.keyboard.type(anchor);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < oldValue.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(newValue);
}

async function pidAnchor(page: Page): Promise<{ anchor: string; sex: string }> {
  const { origin, token } = studioHost();
  const reply = await page.request.post(`${origin}/api/getExample`, { headers: { 'x-crosswalk-token': token }, data: {} });
  const text = ((await reply.json()).value as { samples: { text: string }[] }).samples[0].text;
  const pid = text.split(/\r\n|\r|\n/).find((l) => l.startsWith('PID|'))!.split('|');
  return { anchor: `${pid[7]}|${pid[8]}|`, sex: pid[8] };
}

test('the example\'s own test case passes in the studio, and a changed output fails with a diff', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  await page.getByTestId('tab-tests').click();
  // The bundle's expected output for this sample was written by the runtime's engine: same engine, same result.
  await expect(page.getByTestId('test-result')).toContainText('PASS');

  const { anchor, sex } = await pidAnchor(page);
  const other = sex === 'M' ? 'F' : 'M';
  await retypePid8(page, anchor, sex, other);
  await expect(page.getByTestId('test-result')).toContainText('FAIL');
  await expect(page.getByTestId('test-result').locator('tr', { hasText: 'entry[0].resource.gender' })).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/test-case-diff.png' });

  // Saving the new output as expected makes it pass again, as one undoable edit.
  await page.getByTestId('save-expected').click();
  await expect(page.getByTestId('test-result')).toContainText('PASS');
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
});

test('the value-map editor marks codes seen in the samples that the map does not cover', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const { anchor, sex } = await pidAnchor(page);
  await retypePid8(page, anchor, sex, 'X');
  await page.getByTestId('palette-valueMap-v2-0001-gender').click();
  const editor = page.getByTestId('valuemap-editor');
  await expect(editor.locator('tr[data-unmapped-code="X"]')).toContainText('seen in the samples, not mapped');
  await page.screenshot({ path: 'docs/screenshots/value-map-coverage.png' });
  await editor.locator('tr[data-unmapped-code="X"]').getByRole('button', { name: 'map it' }).click();
  await expect(editor.locator('tr[data-source-code="X"]')).toHaveCount(1);
  await expect(editor.locator('tr[data-unmapped-code="X"]')).toHaveCount(0);
  // The new row maps X to "unknown" until edited: the preview follows the table at once.
  await page.getByTestId('tab-preview').click();
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe('unknown');
  // Edit the row: one commit (Enter), one undo step, and the preview follows.
  await page.getByTestId('tab-valuemap').click();
  const target = editor.locator('tr[data-source-code="X"]').getByLabel('Target code');
  await target.fill('other');
  await target.press('Enter');
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe('other');
  await page.getByTestId('undo').click();
  await expect(target).toHaveValue('unknown');
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe('unknown');
});

test('copy and paste a node, then undo the paste', async ({ page }) => {
  await page.goto(studioHost().url);
  await openMap(page, 'PID[Patient]');
  const maps = page.locator('[data-node-kind="valueMap"]');
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  // A tidy grid first (the example's own layout packs nodes closely), then the whole mapping in view.
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByTestId('fit-view').click();
  const before = await maps.count();
  await page.getByTestId('op-node-gender').locator('.op-node__title').click();
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  await expect(maps).toHaveCount(before + 1);
  await page.keyboard.press('Control+Z');
  await expect(maps).toHaveCount(before);
  await page.keyboard.press('Control+Shift+Z');
  await expect(maps).toHaveCount(before + 1);
});

test('select a link to see its details; Delete removes it and undo brings it back', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender, { timeout: 20_000 }).toBeTruthy();
  await openMap(page, 'PID[Patient]');
  const edge = page.getByTestId('rf__edge-l-gender');
  // Point at the field, pick its link in the Link panel: the link is selected on the canvas.
  await page.getByTestId('schema-node-target').filter({ has: page.locator('[data-field-path="Patient"]') }).getByTestId('schema-search-target').fill('gender');
  await page.locator('[data-side="target"][data-field-path="Patient.gender"]').click();
  await page.getByTestId('tab-link').click();
  await page.locator('[data-link-id="l-gender"]').getByRole('button', { name: 'details' }).click();
  await expect(edge).toHaveClass(/selected/);
  await expect(page.getByTestId('link-details')).toContainText('l-gender');
  await expect(page.getByTestId('link-details')).toContainText('out · Patient.gender');
  const edgesBefore = await page.locator('.react-flow__edge').count();
  await page.keyboard.press('Delete');
  await expect(edge).toHaveCount(0);
  // Only that link went: the other links of the Patient target stay.
  await expect(page.locator('.react-flow__edge')).toHaveCount(edgesBefore - 1);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBeUndefined();
  await page.keyboard.press('Control+Z');
  await expect(edge).toHaveCount(1);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBeTruthy();
});

test('leaving with unsaved changes asks first', async ({ page }) => {
  await page.goto(studioHost().url);
  await openMap(page, 'PID[Patient]');
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe('beforeunload');
  await shown.dismiss();
  // Dismissed, the page stays open; close it here so the fixture's teardown does not race the
  // pending close (it failed now and then with "browserContext.close: Test ended").
  await page.close();
});

test('a drag from a source field straight onto a target element maps it', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0], { timeout: 20_000 }).toBeTruthy();
  expect(resources(await previewJson(page), 'Patient')[0].language).toBeUndefined();
  await page.getByTestId('schema-node-source').getByTestId('toggle-PID').click();
  const patient = page.getByTestId('schema-node-target').filter({ has: page.locator('[data-field-path="Patient"]') });
  await patient.getByTestId('schema-search-target').fill('language');
  const from = page.locator('[data-side="source"][data-field-path="PID-15"] .react-flow__handle');
  const to = page.locator('[data-side="target"][data-field-path="Patient.language"] .react-flow__handle');
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  // PID-15 is a CE; read into a code element it gives its first component, as HL7 reads it.
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0].language).toBe('ara');
  await expect(page.locator('[data-side="target"][data-field-path="Patient.language"]')).toHaveClass(/schema-row--linked/);
});
