import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { docsExampleSpec, readSample } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';
import { dragHandle, openBundle, previewJson, resources, sourceRow, targetRow } from './studioPage';

const shots = 'docs/screenshots';

// The real ADT^A01, its first PID-3 given an ISO OID authority (CX[Identifier] then writes a
// system) and a Z-segment at the end (the Structure tab marks it).
const input = `${readSample('fhirconverter_ADT-A01-01.hl7').replace('test1&2.16.1&HCD', 'test1&2.16.840.1.113883.19&ISO').trimEnd()}\rZPI|1|custom`;

const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Map path' }).getByRole('button');
const identifiers = async (page: Page) => resources(await previewJson(page), 'Patient')[0]?.identifier as { value?: string; system?: string }[] | undefined;

interface SavedBundle { format: string; mapping: { maps: { id: string; links: { id: string; from: Record<string, string>; to: Record<string, string> }[] }[] } }

/** Opens the worked example of docs/mapping-spec.md (four maps), its one test case the sample above with the output the host maps it to. */
async function openWorkedExample(page: Page): Promise<void> {
  const { origin, token } = studioHost();
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const mapping = docsExampleSpec();
  const reply = await page.request.post(`${origin}/api/runPreview`, { headers: { 'x-crosswalk-token': token }, data: { document: { metadata: { name: 'x', version: '1' }, mapping, tests: [] }, input } });
  const outcome = (await reply.json()).value as { ok: boolean; output: unknown };
  expect(outcome.ok).toBe(true);
  await openBundle(page, 'worked-example', mapping, [{ name: 'adt-a01', input, expected: outcome.output }]);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'ADT_A01');
  // The example's output showed before; this sample's ISO authority is what only this mapping writes.
  await expect.poll(async () => (await identifiers(page))?.[0]?.system, { timeout: 20_000 }).toBe('urn:oid:2.16.840.1.113883.19');
}


test('open a called map from its call, relink inside a data type map, go back, undo across maps and save', async ({ page }) => {
  await openWorkedExample(page);
  const maps = page.getByTestId('maps-panel');
  await expect(maps).toContainText('Message maps 1');
  await expect(maps).toContainText('Segment maps 2');
  await expect(maps).toContainText('Data type maps 1');
  await expect(maps.getByRole('button', { name: 'ADT_A01', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)']);

  // Into PID[Patient] by double-clicking its call, then into CX[Identifier] from there.
  await page.getByTestId('op-node-pid').locator('.op-node__title').dblclick();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]']);
  await expect(sourceRow(page, 'PID-8')).toBeVisible();
  await page.getByRole('button', { name: 'Open map CX[Identifier]' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'CX[Identifier]');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]', 'CX[Identifier]']);
  await expect(page.getByRole('navigation', { name: 'Map path' }).getByRole('button', { name: 'CX[Identifier]' })).toHaveAttribute('aria-current', 'page');
  expect((await identifiers(page))?.[0]?.value).toBe('PATID1234');

  // Relink Identifier.value: from CX.1 (the id) to CX.2 (the check digit, 5 in this sample).
  await targetRow(page, 'Identifier.value').click();
  await page.getByTestId('tab-link').click();
  await page.getByTestId('delete-link-l-value').click();
  await dragHandle(page, sourceRow(page, 'CX.2').locator('.react-flow__handle'), targetRow(page, 'Identifier.value').locator('.react-flow__handle'));
  await page.getByTestId('tab-preview').click();
  await expect.poll(async () => (await identifiers(page))?.[0]?.value).toBe('5');
  await page.screenshot({ path: `${shots}/data-type-map.png` });

  // Back with Backspace (nothing selected), one map at a time.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'ADT_A01');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)']);

  // Undo of an edit made in another map shows that map; redo does it there again.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'CX[Identifier]');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]', 'CX[Identifier]']);
  await expect.poll(async () => (await identifiers(page))?.[0]?.value).toBeUndefined();
  await page.getByTestId('maps-panel').getByRole('button', { name: 'ADT_A01', exact: true }).click();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'CX[Identifier]');
  await expect.poll(async () => (await identifiers(page))?.[0]?.value).toBe('5');

  // The test case now fails on exactly that value.
  await page.getByTestId('tab-tests').click();
  await expect(page.getByTestId('test-result')).toContainText('FAIL');
  await expect(page.getByTestId('test-result').locator('tr', { hasText: 'entry[0].resource.identifier[0].value' })).toHaveCount(1);

  // Ctrl+S: the web host has no file to save to, so the bundle downloads; it carries the change.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+S')]);
  const savedPath = test.info().outputPath('saved.crosswalk.json');
  await download.saveAs(savedPath);
  const saved = JSON.parse(readFileSync(savedPath, 'utf8')) as SavedBundle;
  expect(saved.format).toBe('crosswalk.bundle/2');
  const cx = saved.mapping.maps.find((m) => m.id === 'CX[Identifier]')!;
  expect(cx.links.filter((l) => l.to.path === 'Identifier.value').map((l) => l.from)).toEqual([{ source: 'in', path: 'CX.2' }]);
  await expect(page.getByTestId('dirty-indicator')).toHaveCount(0);
});

test('extract nodes into a new map and inline it back, each one undoable step that keeps the output', async ({ page }) => {
  await openWorkedExample(page);
  const before = await previewJson(page);
  await page.getByTestId('maps-panel').getByRole('button', { name: 'PID[Patient]', exact: true }).click();
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]']);

  // Extract the gender value map: PID-8 is an IS written to Patient.gender, a code.
  await page.getByTestId('op-node-gender').locator('.op-node__title').click();
  await page.getByTestId('extract-map').click();
  await expect(page.getByTestId('maps-panel').getByRole('button', { name: 'IS[code]', exact: true })).toBeVisible();
  await expect(page.getByTestId('op-node-gender')).toHaveCount(0);
  const call = page.locator('[data-node-kind="call"]', { hasText: 'IS[code]' });
  await expect(call).toHaveCount(1);
  await expect(page.getByTestId('toast-info')).toContainText('moved into the new map IS[code]');
  await page.screenshot({ path: `${shots}/extract-map.png` });
  await expect.poll(() => previewJson(page)).toEqual(before);

  // The new map opens like any other, laid out on first sight.
  await call.locator('.op-node__title').dblclick();
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]', 'IS[code]']);
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');

  // Inline it back (Ctrl+Shift+L on the selected call): the value map returns, the output stays.
  await call.locator('.op-node__title').click();
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  await expect(call).toHaveCount(0);
  await expect.poll(() => previewJson(page)).toEqual(before);

  // Two undo steps: the call again, then the original map without IS[code].
  await page.keyboard.press('Control+Z');
  await expect(call).toHaveCount(1);
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  await expect(page.getByTestId('maps-panel').getByRole('button', { name: 'IS[code]', exact: true })).toHaveCount(0);
});

test('copy nodes in one map and paste them into another', async ({ page }) => {
  await openWorkedExample(page);
  await page.getByTestId('maps-panel').getByRole('button', { name: 'CX[Identifier]', exact: true }).click();
  // The constant and the concatenation it feeds, with the link between them.
  await page.getByTestId('op-node-urn-oid').locator('.op-node__title').click();
  await page.getByTestId('op-node-urn').locator('.op-node__title').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+C');
  await page.getByTestId('maps-panel').getByRole('button', { name: 'PID[Patient]', exact: true }).click();
  await expect(page.locator('[data-node-kind="constant"]')).toHaveCount(0);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+V');
  await expect(page.locator('[data-node-kind="constant"]')).toHaveCount(1);
  await expect(page.locator('[data-node-kind="function"]')).toHaveCount(1);
  await expect(page.locator('[data-testid^="rf__edge-l-urn-"]')).toHaveCount(1);
  // Undo takes the paste back in the map it was made in.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');
  await expect(page.locator('[data-node-kind="constant"]')).toHaveCount(0);
});

test('a traced output value shows its path through every map it crossed', async ({ page }) => {
  await openWorkedExample(page);
  // Identifier.system is written inside CX[Identifier], called from PID[Patient], called from ADT_A01.
  await page.getByTestId('preview-output').locator('[data-json-path="entry[0].resource.identifier[0].system"]').click();
  const strip = page.getByTestId('trace-strip');
  await expect(strip).toContainText('Identifier.system');
  await expect(strip).toContainText('PID-3[1].4.2');
  await expect(strip.getByRole('button', { name: /^Go to map / })).toHaveText(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
  // In the message map the value went through the PID[Patient] call: marked, with its PID input row lit.
  await expect(page.getByTestId('op-node-pid')).toHaveAttribute('data-on-trace', 'true');
  await expect(sourceRow(page, 'PID')).toHaveClass(/schema-row--highlight/);
  await page.screenshot({ path: `${shots}/trace-across-maps.png` });

  // Into the map that wrote it: its own links and nodes on the path are lit.
  await strip.getByRole('button', { name: 'Go to map CX[Identifier]' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'CX[Identifier]');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]', 'CX[Identifier]']);
  await expect(page.getByTestId('op-node-is-oid')).toHaveClass(/op-node--highlight/);
  await expect(targetRow(page, 'Identifier.system')).toHaveClass(/schema-row--highlight/);
  await expect(page.locator('[data-testid="rf__edge-l-system"]')).toHaveClass(/link--highlight/);
  await page.screenshot({ path: `${shots}/trace-in-called-map.png` });

  // The Link tab lists the same maps for the traced value.
  await page.getByTestId('tab-link').click();
  await expect(page.getByTestId('link-details')).toContainText('CX[Identifier]/l-system');
});

test('the Structure tab says where each segment went, marking the Z-segment unexpected', async ({ page }) => {
  await openWorkedExample(page);
  await page.getByTestId('tab-structure').click();
  const panel = page.getByTestId('structure-panel');
  await expect(panel).toContainText('Read as ADT_A01');
  await expect(panel.locator('tr[data-how="unexpected"]', { hasText: 'ZPI' })).toHaveCount(1);
  await expect(panel.locator('tr', { hasText: 'MSH' }).first()).toHaveAttribute('data-how', 'expected');
  await page.screenshot({ path: `${shots}/structure-tab.png` });
});

test('a map call takes only the item its map reads, and says why', async ({ page }) => {
  await openWorkedExample(page);
  await page.getByTestId('maps-panel').getByRole('button', { name: 'PID[Patient]', exact: true }).click();
  // Drop CX[Identifier] from the palette, then try to give it PID-5 (an XPN).
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.getByTestId('palette-call-CX[Identifier]').dragTo(page.getByTestId('canvas'), { targetPosition: { x: canvas.width * 0.5, y: canvas.height * 0.8 } });
  const calls = page.locator('[data-node-kind="call"]');
  await expect(calls).toHaveCount(2);
  const added = calls.last();
  await dragHandle(page, sourceRow(page, 'PID-5').locator('.react-flow__handle'), added.locator('[data-port="in"] .react-flow__handle'));
  await expect(page.getByTestId('toast-error')).toContainText('CX[Identifier] reads a CX; PID-5 is an XPN.');
});

test('in the shipped ADT example: open PID[Patient], then its XAD[Address], relink a component, see the preview change, and save', async ({ page }) => {
  await page.goto(studioHost().url);
  const addresses = async () => resources(await previewJson(page), 'Patient')[0]?.address as { city?: string; state?: string }[] | undefined;
  await expect.poll(async () => (await addresses())?.[0]?.city, { timeout: 20_000 }).toBe('Ann Arbor ');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'ADT_A01');

  // The segment map from its call in the message map, the data type map from its call in the segment map.
  await page.getByTestId('op-node-pid').locator('.op-node__title').dblclick();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'PID[Patient]');
  await page.getByRole('button', { name: 'Open map XAD[Address]' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'XAD[Address]');
  await expect(crumbs(page)).toHaveText(['ADT_A01 (message map)', 'PID[Patient]', 'XAD[Address]']);

  // Address.city from XAD.4 (the state, MI in this sample) instead of XAD.3.
  await targetRow(page, 'Address.city').click();
  await page.getByTestId('tab-link').click();
  await page.getByTestId('delete-link-l-city').click();
  await dragHandle(page, sourceRow(page, 'XAD.4').locator('.react-flow__handle'), targetRow(page, 'Address.city').locator('.react-flow__handle'));
  await page.getByTestId('tab-preview').click();
  await expect.poll(async () => (await addresses())?.[0]?.city).toBe('MI');

  // Saved, the bundle carries the change in that map and nowhere else.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+S')]);
  const savedPath = test.info().outputPath('adt-saved.crosswalk.json');
  await download.saveAs(savedPath);
  const saved = JSON.parse(readFileSync(savedPath, 'utf8')) as SavedBundle;
  const xad = saved.mapping.maps.find((m) => m.id === 'XAD[Address]')!;
  expect(xad.links.filter((l) => l.to.path === 'Address.city').map((l) => l.from)).toEqual([{ source: 'in', path: 'XAD.4' }]);
  const shipped = JSON.parse(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8')) as SavedBundle;
  const changed = saved.mapping.maps.filter((m) => JSON.stringify(m) !== JSON.stringify(shipped.mapping.maps.find((s) => s.id === m.id)));
  expect(changed.map((m) => m.id)).toEqual(['XAD[Address]']);
});
