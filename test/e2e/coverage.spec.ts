import { expect, test } from '@playwright/test';
import { studioHost } from './studioHost';
import { openMap, sourceRow, targetRow } from './studioPage';

const shots = 'docs/screenshots';

test('coverage on the ADT example: unread valued fields marked and underlined, a required element marked once its link is deleted', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  const figure = page.getByTestId('coverage-figure');
  await expect(figure).toHaveText(/^Coverage: map \d+\.\d% · mapping \d+\.\d%$/, { timeout: 20_000 });

  // PID-1 is valued in the sample and no link reads it: marked on the tree, underlined in the editor.
  await openMap(page, 'PID[Patient]');
  await expect(sourceRow(page, 'PID-1')).toHaveAttribute('data-coverage', 'unused');
  await expect(sourceRow(page, 'PID-8')).not.toHaveAttribute('data-coverage', /./);
  await expect(page.getByTestId('coverage-count-source')).toHaveText(/^\d+ valued, unread$/);
  const underlined = page.getByTestId('sample-input').locator('.coverage-unused');
  await expect.poll(() => underlined.count()).toBeGreaterThan(0);
  await underlined.first().hover();
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('is valued in this sample and no link reads it.');
  await page.getByTestId('tab-coverage').click();
  await expect(page.getByTestId('coverage-unused')).toContainText('PID-1');
  await expect(page.getByTestId('coverage-map')).toHaveText('This map (PID[Patient]): 88 of 210 (41.9%), applied 3 times.');
  await page.screenshot({ path: `${shots}/studio-coverage-source.png` });

  // Encounter.class is required (1..1): nothing marks it while its link exists; deleting the link marks it.
  await openMap(page, 'PV1[Encounter]');
  await expect(targetRow(page, 'Encounter.class')).toBeVisible();
  await expect(targetRow(page, 'Encounter.class')).not.toHaveAttribute('data-coverage', /./);
  await expect(page.getByTestId('coverage-count-target')).toHaveCount(0);
  await targetRow(page, 'Encounter.class').click();
  await page.getByTestId('tab-link').click();
  await page.getByTestId('delete-link-l-class').click();
  await expect(targetRow(page, 'Encounter.class')).toHaveAttribute('data-coverage', 'missing', { timeout: 10_000 });
  await expect(targetRow(page, 'Encounter')).toHaveAttribute('data-coverage', 'missingBelow');
  await expect(page.getByTestId('coverage-count-target')).toHaveText('1 required unlinked');
  await page.getByTestId('tab-coverage').click();
  await expect(page.getByTestId('coverage-missing')).toHaveText('Encounter.class required (min 1)');
  await page.screenshot({ path: `${shots}/studio-coverage-target.png` });

  // Undo brings the link back and the mark goes.
  await page.getByTestId('undo').click();
  await expect(targetRow(page, 'Encounter.class')).not.toHaveAttribute('data-coverage', /./, { timeout: 10_000 });
});
