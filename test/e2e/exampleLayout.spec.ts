import { expect, test, type Page } from '@playwright/test';
import { docsExampleSpec } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';
import { openBundle, openMap } from './studioPage';

interface Box { id: string; x: number; y: number; width: number; height: number }

function canvasNodes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => {
    const r = n.getBoundingClientRect();
    return { id: n.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
  }));
}

function clashes(boxes: Box[]): string[] {
  return boxes.flatMap((a, i) => boxes.slice(i + 1)
    .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
    .map((b) => `${a.id} × ${b.id}`));
}

/** The canvas zoom React Flow applies (the scale of its viewport transform). */
async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

function offScreen(boxes: Box[], canvas: { x: number; y: number; width: number; height: number }): string[] {
  return boxes.filter((b) => b.x < canvas.x - 1 || b.y < canvas.y - 1 || b.x + b.width > canvas.x + canvas.width + 1 || b.y + b.height > canvas.y + canvas.height + 1).map((b) => b.id);
}

// The example's stored layout is sized from estimates of how big each node kind renders; this
// checks the estimates against the real rendering, and the first screen.
test('the example opens with no two canvas nodes overlapping, its source and first target on screen', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('schema-node-source')).toBeVisible();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const framed = async () => {
    const boxes = await canvasNodes(page);
    const ends = boxes.filter((b) => b.id === 'msg' || b.id === 'patient');
    return ends.length === 2 ? offScreen(ends, canvas) : ['not drawn yet'];
  };
  // The opening fit runs once React Flow has measured the nodes; poll until it has framed them.
  await expect.poll(framed).toEqual([]);
  expect(clashes(await canvasNodes(page))).toEqual([]);
});

test('Auto-layout arranges the example with no two canvas nodes overlapping', async ({ page }) => {
  await page.goto(studioHost().url);
  await openMap(page, 'PID[Patient]');
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  // Drop the value map onto another node: an overlap Auto-layout must undo.
  const title = page.getByTestId('op-node-gender').locator('.op-node__title');
  const other = (await page.locator('[data-node-kind]').filter({ hasNot: page.getByTestId('op-node-gender') }).first().boundingBox())!;
  const from = (await title.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(other.x + 20, other.y + 20, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => clashes(await canvasNodes(page)).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  await expect.poll(async () => clashes(await canvasNodes(page))).toEqual([]);
});

test('every map of the worked example, auto-laid out and fitted, is readable on one screen', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const spec = docsExampleSpec() as { maps: { id: string }[] };
  await openBundle(page, 'worked-example', spec);
  for (const { id } of spec.maps) {
    await page.getByTestId('maps-panel').getByRole('button', { name: id, exact: true }).click();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', id);
    // Laid out when first shown; Auto-layout lays it out the same way again.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.getByTestId('fit-view').click();
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    // Everything on screen, nothing overlapping, at a zoom where 12px text is still 8px or more.
    await expect.poll(async () => offScreen(await canvasNodes(page), canvas)).toEqual([]);
    expect(clashes(await canvasNodes(page))).toEqual([]);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.66);
    if (id === 'PID[Patient]') await page.screenshot({ path: 'docs/screenshots/segment-map.png' });
  }
});
