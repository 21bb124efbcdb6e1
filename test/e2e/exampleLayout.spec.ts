import { expect, test, type Page } from '@playwright/test';
import { studioHost } from './studioHost';

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

// The example's stored layout (examples/src/layout.ts) is sized from estimates of how big each
// node kind renders; this checks the estimates against the real rendering, and the first screen.
test('the example opens with no two canvas nodes overlapping, the source, Patient and its helpers on screen', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(100);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const firstScreen = ['msg', 'patient', 'message-type-guard', 'guard-filter', 'PID-5-name', 'gender', 'birthDate', 'address-type'];
  // The opening fit runs once React Flow has measured the nodes; poll until it has framed them.
  await expect.poll(async () => {
    const boxes = await canvasNodes(page);
    return firstScreen.filter((id) => {
      const b = boxes.find((x) => x.id === id);
      return !b || b.x < canvas.x || b.y < canvas.y || b.x + b.width > canvas.x + canvas.width || b.y + b.height > canvas.y + canvas.height;
    });
  }).toEqual([]);

  expect(clashes(await canvasNodes(page))).toEqual([]);
});

test('Auto-layout arranges the example with no two canvas nodes overlapping', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('op-node-gender')).toBeVisible();
  const before = await page.getByTestId('op-node-gender').boundingBox();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  await expect.poll(async () => JSON.stringify(await page.getByTestId('op-node-gender').boundingBox())).not.toBe(JSON.stringify(before));
  expect(clashes(await canvasNodes(page))).toEqual([]);
});
