import { expect, type Locator, type Page } from '@playwright/test';
import { studioHost } from './studioHost';

/** Helpers that drive the studio the way an analyst does: rows, handles, the palette, Monaco. */
export function sourceRow(page: Page, path: string): Locator {
  return page.locator(`[data-side="source"][data-field-path="${path}"]`).first();
}

export function targetRow(page: Page, path: string): Locator {
  return page.locator(`[data-side="target"][data-field-path="${path}"]`).first();
}

export function previewText(page: Page): Promise<string> {
  return page.getByTestId('preview-output').innerText();
}

/** The parsed preview output (the element's text is the formatted JSON). */
export async function previewJson(page: Page): Promise<unknown> {
  const text = (await page.getByTestId('preview-output').textContent()) ?? '';
  return text.trim() === '' ? undefined : JSON.parse(text);
}

/** Drags with the mouse from one handle to another in small steps, as React Flow expects. */
export async function dragHandle(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('A handle to connect is not on screen.');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Waits until the preview has settled on a run newer than the one shown before `action`. */
export async function afterPreview(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.getByTestId('preview-output').getAttribute('data-run-id');
  await action();
  await expect(page.getByTestId('preview-output')).not.toHaveAttribute('data-run-id', before ?? '');
}

/** Every resource of a transaction Bundle of the given type. */
export function resources(bundle: unknown, type: string): Record<string, unknown>[] {
  const entries = (bundle as { entry?: { resource?: Record<string, unknown> }[] } | undefined)?.entry ?? [];
  return entries.map((e) => e.resource).filter((r): r is Record<string, unknown> => r?.resourceType === type);
}

/**
 * Opens a mapping in the studio the way a user does, through "Open…" with a bundle file: the
 * file is the host's own serialization of the content (test inputs become its samples).
 */
export async function openBundle(page: Page, name: string, mapping: unknown, tests: unknown[] = []): Promise<void> {
  const { origin, token } = studioHost();
  const reply = await page.request.post(`${origin}/api/serializeBundle`, {
    headers: { 'x-crosswalk-token': token },
    data: { bundle: { metadata: { name, version: '1.0.0' }, mapping, tests } },
  });
  const { text } = (await reply.json()).value as { text: string };
  await page.getByTestId('open-file').setInputFiles({ name: `${name}.crosswalk.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('document-title')).toContainText(`${name}.crosswalk.json`);
}

/**
 * Shows one map of the mapping, through the maps panel as a user picks it. The example's
 * message map only places resources; what a Patient holds is in PID[Patient].
 */
export async function openMap(page: Page, id: string): Promise<void> {
  await page.getByTestId('maps-panel').getByRole('button', { name: id, exact: true }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', id);
}
