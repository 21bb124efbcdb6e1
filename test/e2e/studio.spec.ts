import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseHl7 } from '../../shared/common/hl7v2';
import { foreignRequests, recordRequests, studioHost } from './studioHost';
import { dragHandle, openMap, previewJson, resources, sourceRow, targetRow } from './studioPage';

const shots = 'docs/screenshots';

interface ExampleSample { name: string; text: string }

/** The first sample the example ships, its PID-8 value and a unique text that ends right after it. */
async function exampleSample(page: Page): Promise<{ text: string; anchor: string; sex: string }> {
  const { origin, token } = studioHost();
  const reply = await page.request.post(`${origin}/api/getExample`, { headers: { 'x-crosswalk-token': token }, data: {} });
  const example = (await reply.json()).value as { samples: ExampleSample[] };
  const text = example.samples[0].text;
  const sex = parseHl7(text).get('PID-8');
  if (typeof sex !== 'string') throw new Error('The example sample has no PID-8.');
  const pid = text.split(/\r\n|\r|\n/).find((l) => l.startsWith('PID|'))!.split('|');
  // PID-7|PID-8| occurs once: a search for it puts the cursor right after PID-8.
  const anchor = `${pid[7]}|${pid[8]}|`;
  if (text.split(anchor).length !== 2) throw new Error('The PID-7|PID-8 text of the example sample is not unique.');
  return { text, anchor, sex };
}

/** Deletes every link that touches a field, through the Link panel (what an analyst would click). */
async function deleteLinksOf(page: Page, row: ReturnType<typeof sourceRow>): Promise<void> {
  await row.click();
  await page.getByTestId('tab-link').click();
  const deletes = page.locator('[data-testid^="delete-link-"]');
  while (await deletes.count() > 0) await deletes.first().click();
}

/** Clicks into the sample text (near its top left, where there is always text) so keys go to Monaco. */
async function focusSampleEditor(page: Page): Promise<void> {
  await page.getByTestId('sample-input').click({ position: { x: 120, y: 12 } });
  await expect(page.getByTestId('sample-input').locator('.monaco-editor')).toHaveClass(/focused/);
}

function targetNodeOf(page: Page, resource: string) {
  return page.getByTestId('schema-node-target').filter({ has: page.locator(`[data-field-path="${resource}"]`) });
}

test('map PID-8 to Patient.gender through the v2 0001 value map, edit the sample, undo, save and reopen', async ({ page }) => {
  const requests = recordRequests(page);
  const { url } = studioHost();
  await page.goto(url);

  // 1. The studio opens on the example with its sample and a live preview.
  await expect(sourceRow(page, 'PID')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  await page.screenshot({ path: `${shots}/studio-overview.png` });

  // 2. Open the segment map that makes the Patient: its input is the PID segment, its fields rows with their handles.
  await openMap(page, 'PID[Patient]');
  await expect(sourceRow(page, 'PID-8')).toBeVisible();
  await expect(sourceRow(page, 'PID-8').locator('.react-flow__handle')).toHaveCount(1);

  // 3. Clear whatever the example maps into Patient.gender and out of PID-8.
  const patientNode = targetNodeOf(page, 'Patient');
  await patientNode.getByTestId('schema-search-target').fill('gender');
  await expect(targetRow(page, 'Patient.gender')).toBeVisible();
  await deleteLinksOf(page, sourceRow(page, 'PID-8'));
  await deleteLinksOf(page, targetRow(page, 'Patient.gender'));
  await page.getByTestId('tab-preview').click();
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBeUndefined();

  // 4. A new value map from the palette, filled from the standard ConceptMap in one click.
  const valueMapNodes = page.locator('[data-node-kind="valueMap"]');
  const before = await valueMapNodes.count();
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('No canvas.');
  await page.getByTestId('palette-valueMap-new').dragTo(page.getByTestId('canvas'), { targetPosition: { x: canvas.width * 0.5, y: canvas.height * 0.45 } });
  await expect(valueMapNodes).toHaveCount(before + 1);
  const mapNode = valueMapNodes.last();
  await expect(page.getByTestId('valuemap-editor')).toBeVisible();
  await page.getByTestId('import-gender-conceptmap').click();
  const table = page.getByTestId('valuemap-table');
  await expect(table.locator('tr[data-source-code="F"] input').nth(1)).toHaveValue('female');
  await expect(table.locator('tr[data-source-code="M"] input').nth(1)).toHaveValue('male');
  await expect(table.locator('tr[data-source-code="U"] input').nth(1)).toHaveValue('unknown');
  await page.screenshot({ path: `${shots}/value-map-editor.png` });

  // 5. Drag PID-8 → value map input, value map code → Patient.gender.
  await dragHandle(page, sourceRow(page, 'PID-8').locator('.react-flow__handle'), mapNode.locator('[data-port="in"] .react-flow__handle'));
  await dragHandle(page, mapNode.locator('[data-port="code"] .react-flow__handle'), targetRow(page, 'Patient.gender').locator('.react-flow__handle'));
  await page.getByTestId('tab-preview').click();
  const sample = await exampleSample(page);
  const expected: Record<string, string> = { F: 'female', M: 'male' };
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe(expected[sample.sex] ?? 'unknown');

  // 6. Edit the sample's PID-8 in the Monaco editor, keystroke by keystroke: the output follows.
  const replacement = sample.sex === 'M' ? 'F' : 'M';
  // Find the PID-7|PID-8| text with the editor's own find, then retype PID-8.
  await focusSampleEditor(page);
  await page.keyboard.press('Control+F');
  await page.keyboard.type(sample.anchor);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < sample.sex.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(replacement);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe(expected[replacement]);
  await expect(page.getByTestId('preview-output')).toContainText(`"gender": "${expected[replacement]}"`);

  // The trace: clicking the output value lights up the source field it came from.
  await page.getByTestId('preview-output').locator('[data-json-path$=".resource.gender"]').first().click();
  await expect(page.getByTestId('trace-strip')).toContainText('PID-8');
  await expect(sourceRow(page, 'PID-8')).toHaveClass(/schema-row--highlight/);
  await page.screenshot({ path: `${shots}/live-preview-trace.png` });

  // 7. Undo: the editor's undo restores the sample, the studio's undo removes the last link.
  await focusSampleEditor(page);
  await page.keyboard.press('Control+Z');
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe(expected[sample.sex] ?? 'unknown');
  await page.getByTestId('undo').click();
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBeUndefined();
  await page.getByTestId('redo').click();
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe(expected[sample.sex] ?? 'unknown');
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();

  // 8. Save (the browser downloads the bundle file), reopen it, and get the same mapping.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const savedPath = test.info().outputPath('saved.crosswalk.json');
  await download.saveAs(savedPath);
  const savedText = readFileSync(savedPath, 'utf8');
  const saved = JSON.parse(savedText) as { format: string; mapping: { maps: { id: string; kind: string; links: { id: string; from: Record<string, string>; to: Record<string, string> }[]; nodes: { id: string; kind: string; valueMapId?: string }[] }[]; valueMaps: { id: string; entries: { source: string; target: string }[] }[] } };
  expect(saved.format).toBe('crosswalk.bundle/2');
  // The edit is in the segment map it was made in.
  const pidMap = saved.mapping.maps.find((m) => m.id === 'PID[Patient]')!;
  const into = pidMap.links.find((l) => l.from.path === 'PID-8' && l.to.port === 'in');
  const out = pidMap.links.find((l) => l.to.path === 'Patient.gender');
  expect(into).toBeDefined();
  expect(out?.from).toEqual({ node: into!.to.node, port: 'code' });
  const node = pidMap.nodes.find((n) => n.id === into!.to.node);
  const map = saved.mapping.valueMaps.find((m) => m.id === node?.valueMapId);
  expect(map?.entries.filter((e) => ['F', 'M', 'U'].includes(e.source)).map((e) => [e.source, e.target]).sort()).toEqual([['F', 'female'], ['M', 'male'], ['U', 'unknown']]);
  await expect(page.getByTestId('dirty-indicator')).toHaveCount(0);

  await page.getByTestId('open-file').setInputFiles(savedPath);
  await expect(page.getByTestId('document-title')).toContainText('saved.crosswalk.json');
  await openMap(page, 'PID[Patient]');
  await expect(page.locator(`[data-testid="rf__edge-${into!.id}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid="rf__edge-${out!.id}"]`)).toHaveCount(1);
  await expect.poll(async () => resources(await previewJson(page), 'Patient')[0]?.gender).toBe(expected[sample.sex] ?? 'unknown');
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const againPath = test.info().outputPath('again.crosswalk.json');
  await again.saveAs(againPath);
  expect(readFileSync(againPath, 'utf8')).toBe(savedText);

  // 9. Nothing left this machine.
  expect(foreignRequests(requests)).toEqual([]);
});

test('an incompatible connection is refused with a reason', async ({ page }) => {
  await page.goto(studioHost().url);
  await page.getByTestId('schema-node-source').getByTestId('toggle-PID').click();
  const patientNode = targetNodeOf(page, 'Patient');
  await patientNode.getByTestId('schema-search-target').fill('name');
  await expect(targetRow(page, 'Patient.name')).toBeVisible();
  await dragHandle(page, sourceRow(page, 'PID-8').locator('.react-flow__handle'), targetRow(page, 'Patient.name').locator('.react-flow__handle'));
  await expect(page.getByTestId('toast-error')).toContainText('PID-8 is a single IS; Patient.name is a HumanName');
});

test('a sample that does not parse shows where', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  await focusSampleEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('PID|1||12345');
  await expect(page.getByTestId('preview-error')).toContainText('Sample does not parse');
  // Where: the codec's position, and a marker on that line in the editor.
  await expect(page.getByTestId('preview-error')).toContainText('line 1');
  await expect(page.getByTestId('sample-input').locator('.squiggly-error')).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/parse-error.png' });
  await expect(page.getByTestId('preview-output')).toHaveText('');
});
