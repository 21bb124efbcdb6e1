import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { samplesDir } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';
import { dragHandle, previewJson, resources, sourceRow, targetRow } from './studioPage';

// Issue 9, items 1, 5 and 6: an analyst starts from the start page and draws a mapping by dragging
// only; the bundle the studio saves runs in the runtime with the output the preview showed.

const shots = 'docs/screenshots';
const LRI = 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7';

const handle = (row: Locator): Locator => row.locator('.react-flow__handle');
const port = (node: Locator, name: string): Locator => node.locator(`[data-port="${name}"] .react-flow__handle`);

/** Drags a palette or library item onto the canvas, at a fraction of its width and height. */
async function dropOnCanvas(page: Page, item: Locator, x: number, y: number): Promise<void> {
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('No canvas.');
  await item.dragTo(page.getByTestId('canvas'), { targetPosition: { x: canvas.width * x, y: canvas.height * y } });
}

/** Narrows a schema tree to what a search finds, so the row to link is on screen. */
async function search(page: Page, side: 'source' | 'target', query: string): Promise<void> {
  await page.getByTestId(`schema-search-${side}`).fill(query);
}

/** A library map dropped on the canvas: copied into the bundle and called from the map shown; the new call node. */
async function dropLibraryMap(page: Page, id: string, x: number, y: number): Promise<Locator> {
  const calls = page.locator(`[data-node-kind="call"]:has-text("${id}")`);
  await page.getByTestId('palette-search').fill(id);
  await dropOnCanvas(page, page.getByTestId(`library-${id}`), x, y);
  await expect(calls).toHaveCount(1);
  await page.getByTestId('palette-search').fill('');
  return calls;
}

type Observation = { code?: { coding?: { system?: string; code?: string }[] }; valueString?: string; effectiveDateTime?: string; status?: string };
const observations = async (page: Page): Promise<Observation[]> => resources(await previewJson(page), 'Observation') as Observation[];

test('from the start page, a new ORU_R01 v2.5.1 → Observation mapping drawn by dragging previews a real ORU, and crosswalk run gives the same output from the saved bundle', async ({ page }) => {
  const { origin, token, startUrl } = studioHost();
  await page.goto(startUrl);

  // 1. The start page: every example the host ships, recent files, and the two ways to begin.
  const start = page.getByTestId('start-page');
  await expect(start).toBeVisible({ timeout: 20_000 });
  const listed = (await (await page.request.post(`${origin}/api/listExamples`, { headers: { 'x-crosswalk-token': token }, data: {} })).json()).value as { title: string }[];
  expect(listed.length).toBeGreaterThanOrEqual(3);
  await expect(start.getByTestId('start-examples').getByRole('button')).toHaveText(listed.map((e) => new RegExp(`^${e.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)));
  await expect(start.getByRole('button', { name: 'Start from the HL7 v2-to-FHIR IG', exact: true })).toBeVisible();
  await expect(start).toContainText('Recent files');
  await page.screenshot({ path: `${shots}/start-page.png` });

  // 2. The dialog: focus on the first field, Escape cancels and gives focus back.
  const newMapping = page.getByRole('button', { name: 'New mapping', exact: true });
  await newMapping.click();
  const dialog = page.getByRole('dialog', { name: 'New mapping' });
  await expect(dialog.getByRole('combobox', { name: 'Message structure' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(newMapping).toBeFocused();

  await newMapping.click();
  await expect(dialog.getByRole('combobox', { name: 'Source standard' })).toHaveValue('hl7v2');
  await dialog.getByRole('combobox', { name: 'Version', exact: true }).selectOption('2.5.1');
  await dialog.getByRole('combobox', { name: 'Message structure' }).fill('ORU_R01');
  await dialog.getByRole('option', { name: /^ORU_R01 / }).click();
  await expect(dialog.getByTestId('chosen-structure')).toHaveText('ORU_R01 Unsolicited transmission of an observation message · accepts ORU^R01');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Lab results');
  // Enter creates; without a target it says what is missing instead.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one target resource.');
  // The resource search: typing narrows, Enter takes the first match.
  await dialog.getByRole('combobox', { name: 'Target resources' }).fill('Observation');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('chosen-targets')).toHaveText('Observation✕');
  await dialog.getByRole('textbox', { name: 'Author' }).fill('Ann Analyst');
  await page.screenshot({ path: `${shots}/new-mapping-dialog.png` });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).press('Enter');

  // 3. An empty, runnable mapping: the chosen schemas on the canvas, the sample editor ready.
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('start-page')).toHaveCount(0);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'ORU_R01');
  await expect(page.getByTestId('document-title')).toContainText('Lab results');
  await expect(page.getByTestId('schema-node-source')).toContainText('HL7 v2.5.1 ORU_R01');
  await expect(page.getByTestId('schema-node-target')).toContainText('FHIR R4 Observation');
  await expect(page.getByTestId('sample-input').locator('.monaco-editor')).toBeVisible();
  const sampleTabs = page.getByRole('tablist', { name: 'Samples' }).getByRole('tab');
  await expect(sampleTabs).toHaveText(['Sample 1']);
  await page.getByTestId('sample-file').setInputFiles(join(samplesDir, LRI));
  // The file takes the place of the empty first sample.
  await expect(sampleTabs).toHaveText([LRI]);
  await expect.poll(async () => (await observations(page)).length, { timeout: 20_000 }).toBe(1);

  // 4. By dragging only. OBX → Observation: one Observation per OBX (a context link).
  await search(page, 'source', 'OBX');
  await dragHandle(page, handle(sourceRow(page, 'OBX')), handle(targetRow(page, 'Observation')));
  await expect.poll(async () => (await observations(page)).length).toBe(28);

  // OBX-3 → Observation.code through the library's CWE[CodeableConcept], copied in by the drop (OBX-3 is a CE in 2.5.1).
  const code = await dropLibraryMap(page, 'CWE[CodeableConcept]', 0.45, 0.2);
  await search(page, 'source', 'OBX-3');
  await dragHandle(page, handle(sourceRow(page, 'OBX-3')), port(code, 'in'));
  await search(page, 'target', 'code');
  await dragHandle(page, port(code, 'out'), handle(targetRow(page, 'Observation.code')));
  await expect.poll(async () => (await observations(page))[0]?.code?.coding?.[0]).toEqual({ system: 'http://loinc.org', code: '26453-1', display: 'Erythrocytes [#/volume] in Blood' });

  // OBX-5 → Observation.valueString.
  await search(page, 'target', 'valueString');
  await search(page, 'source', 'OBX-5');
  await dragHandle(page, handle(sourceRow(page, 'OBX-5')), handle(targetRow(page, 'Observation.value[x]:valueString')));
  await expect.poll(async () => (await observations(page)).map((o) => o.valueString).slice(0, 2)).toEqual(['4.41', '12.5']);

  // OBX-14 → Observation.effectiveDateTime through the library's TS[dateTime].
  const time = await dropLibraryMap(page, 'TS[dateTime]', 0.45, 0.55);
  await search(page, 'source', 'OBX-14');
  await dragHandle(page, handle(sourceRow(page, 'OBX-14')), port(time, 'in'));
  await search(page, 'target', 'effectiveDateTime');
  await dragHandle(page, port(time, 'out'), handle(targetRow(page, 'Observation.effective[x]:effectiveDateTime')));
  await expect.poll(async () => (await observations(page))[0]?.effectiveDateTime).toBe('2011-01-03T14:34:28-08:00');

  // OBX-11 → Observation.status through a new value map: the code the sample holds, mapped in the table.
  await page.getByTestId('palette-search').fill('');
  await dropOnCanvas(page, page.getByTestId('palette-valueMap-new'), 0.45, 0.8);
  const status = page.locator('[data-node-kind="valueMap"]');
  await expect(status).toHaveCount(1);
  await search(page, 'source', 'OBX-11');
  await dragHandle(page, handle(sourceRow(page, 'OBX-11')), port(status, 'in'));
  // The new link is selected (the Link tab); the node's own button brings its table back.
  await status.getByRole('button', { name: 'Edit table' }).click();
  const table = page.getByTestId('valuemap-editor');
  await table.locator('tr[data-unmapped-code="F"]').getByRole('button', { name: 'map it' }).click();
  const target = table.locator('tr[data-source-code="F"]').getByRole('textbox', { name: 'Target code' });
  await target.fill('final');
  await target.press('Enter');
  await search(page, 'target', 'status');
  await dragHandle(page, port(status, 'code'), handle(targetRow(page, 'Observation.status')));
  await page.getByTestId('tab-preview').click();
  await expect.poll(async () => (await observations(page)).every((o) => o.status === 'final')).toBe(true);
  await expect(page.getByTestId('preview-output')).toContainText('"valueString": "Many spherocytes present."');
  await search(page, 'source', 'OBX');
  await search(page, 'target', '');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByTestId('tab-preview').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/new-mapping.png` });

  // 5. Save (the browser downloads the bundle), then crosswalk run on it with the same sample: the preview's output.
  const preview = await previewJson(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  const saved = test.info().outputPath('lab-results.crosswalk.json');
  await download.saveAs(saved);
  const bundle = JSON.parse(readFileSync(saved, 'utf8')) as { metadata: Record<string, string>; mapping: { maps: { id: string; accepts?: unknown }[] } };
  expect(bundle.metadata).toMatchObject({ name: 'Lab results', version: '0.1.0', author: 'Ann Analyst' });
  expect(bundle.mapping.maps.find((m) => m.id === 'ORU_R01')?.accepts).toEqual({ messages: [{ type: 'ORU', events: ['R01'] }] });
  expect(bundle.mapping.maps.map((m) => m.id)).toEqual(expect.arrayContaining(['ORU_R01', 'CWE[CodeableConcept]', 'CWE[Coding]', 'TS[dateTime]', 'DTM[dateTime]']));
  const stdout = execFileSync(process.execPath, ['bin/crosswalk.js', 'run', saved, join(samplesDir, LRI)], { encoding: 'utf8' });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toEqual(preview);
});

test('a new mapping from a JSON sample; its resources added and removed with their links, each undoable; a note added from the palette', async ({ page }) => {
  await page.goto(studioHost().startUrl);
  await page.getByRole('button', { name: 'New mapping', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New mapping' });
  await dialog.getByRole('combobox', { name: 'Source standard' }).selectOption('json');
  await expect(dialog.getByRole('combobox', { name: 'Message structure' })).toHaveCount(0);
  const sample = '{"patientId":"K-1","device":{"serial":"BP-77"},"readings":[{"systolic":128,"diastolic":82,"at":"2026-11-20T08:15:00+01:00"}]}';
  await dialog.getByRole('textbox', { name: 'JSON sample' }).fill(sample);
  await expect(dialog.getByTestId('inferred-fields')).toContainText('5 fields inferred');
  await expect(dialog.getByTestId('inferred-fields')).toContainText('$.readings.systolic');
  for (const resource of ['Observation', 'Device']) {
    await dialog.getByRole('combobox', { name: 'Target resources' }).fill(resource);
    await dialog.getByRole('option', { name: resource, exact: true }).click();
  }
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Home BP feed');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'HomeBPFeed');
  await expect(page.getByTestId('schema-node-target')).toHaveCount(2);
  // The sample the schema came from is the first sample: the preview runs on it at once.
  await expect.poll(async () => resources(await previewJson(page), 'Device').length, { timeout: 20_000 }).toBe(1);

  // Resources: remove the Device (its link and all), undo brings both back; add a Patient, undo takes it away.
  // The source tree is the one inferred from the sample: its field dragged onto the Device.
  await page.getByTestId('schema-search-source').fill('serial');
  const device = page.getByTestId('schema-node-target').filter({ hasText: 'FHIR R4 Device' });
  await device.getByTestId('schema-search-target').fill('serialNumber');
  await dragHandle(page, handle(sourceRow(page, '$.device.serial')), handle(targetRow(page, 'Device.serialNumber')));
  await expect.poll(async () => resources(await previewJson(page), 'Device')[0]?.serialNumber).toBe('BP-77');
  const menu = page.getByTestId('resources-menu');
  await menu.getByRole('button', { name: 'Resources (2) ▾' }).click();
  await menu.getByRole('button', { name: 'Remove target device' }).click();
  await expect(page.getByTestId('schema-node-target')).toHaveCount(1);
  await expect.poll(async () => resources(await previewJson(page), 'Device')).toEqual([]);
  await expect(menu.getByRole('button', { name: 'Remove target observation' })).toBeDisabled();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('schema-node-target')).toHaveCount(2);
  await expect.poll(async () => resources(await previewJson(page), 'Device')[0]?.serialNumber).toBe('BP-77');
  await menu.getByRole('combobox', { name: 'Add a resource' }).fill('Patient');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('schema-node-target')).toHaveCount(3);
  await expect(menu.getByRole('button', { name: 'Remove target patient' })).toBeVisible();
  await expect.poll(async () => resources(await previewJson(page), 'Patient').length).toBe(1);
  await page.keyboard.press('Escape');
  await expect(menu.getByRole('button', { name: 'Add a resource' })).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('schema-node-target')).toHaveCount(2);

  // A note of the analyst's own, from the palette: a to-do on the canvas that maps nothing.
  await page.getByTestId('palette-search').fill('note');
  await dropOnCanvas(page, page.getByTestId('palette-note'), 0.45, 0.7);
  const note = page.locator('[data-node-kind="note"]');
  await expect(note).toHaveCount(1);
  await expect(note.locator('.op-node__title')).toHaveText('To do');
  await note.getByRole('button', { name: /^Edit note / }).click();
  await note.getByRole('textbox').fill('Ask the vendor which arm the cuff was on.');
  await page.getByTestId('maps-panel').click();
  await expect(note).toContainText('Ask the vendor which arm the cuff was on.');
  await expect(page.getByTestId('maps-panel').getByTestId('todo-count-HomeBPFeed')).toHaveText('✎ 1');
  await page.getByTestId('undo').click();
  await expect(note).toContainText('What is left to do here');
});
