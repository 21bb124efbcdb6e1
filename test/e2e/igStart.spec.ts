import { expect, test } from '@playwright/test';
import { readSample } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';
import { previewJson, resources } from './studioPage';

// Issue 9, item 1: "Start from the HL7 v2-to-FHIR IG" in the studio. The IG's VXU_V04 opens as an
// editable mapping running on a real VXU, with the import's count of IG rows and its notes on the canvas.
test('start from the IG\'s VXU_V04 on the start page: the import summary, the notes on the canvas, and a real VXU previewed with its Immunizations', async ({ page }) => {
  await page.goto(studioHost().startUrl);
  await page.getByRole('button', { name: 'Start from the HL7 v2-to-FHIR IG', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Start from the HL7 v2-to-FHIR IG' });
  const maps = dialog.getByRole('listbox', { name: 'IG message map' });
  await expect(maps).toBeFocused();
  await expect(maps.getByRole('option')).toHaveText([
    'ADT_A01 — Admit/visit notification', 'ADT_A02 — Transfer a patient', 'ADT_A05 — Pre-admit a patient', 'ADT_A06 — Change an outpatient to an inpatient',
    'ADT_A09 — Patient departing - tracking', 'ADT_A11 — Cancel admit/visit notification', 'ADT_A17 — Swap patients', 'MDM_T02 — Original document notification and content',
    'OML_O21 — Laboratory order', 'ORM_O01 — Order message', 'ORU_R01 — Unsolicited transmission of an observation message', 'SIU_S12 — Notification of new appointment booking',
    'VXU_V04 — Unsolicited vaccination record update',
  ]);

  // A structure the shipped examples have messages of is offered them; one they have none of asks for a paste.
  const samples = dialog.getByRole('combobox', { name: 'Sample message' });
  await maps.selectOption('ORU_R01');
  await expect(samples.locator('option').first()).toHaveText(/\(example oru-r01-to-observations\)$/);
  await maps.selectOption('VXU_V04');
  await expect(dialog.getByRole('combobox', { name: 'Version', exact: true })).toHaveValue('2.5.1');
  await dialog.getByRole('textbox', { name: 'Pasted message' }).fill(readSample('izgateway_VXU_V04.hl7'));
  await expect(samples).toHaveValue('paste');
  await dialog.getByRole('button', { name: 'Create' }).click();

  // The summary counts every IG row.
  const summary = page.getByRole('dialog', { name: 'Started from the IG\'s VXU_V04' });
  await expect(summary).toContainText('VXU_V04 (HL7 v2.5.1) from the HL7 v2-to-FHIR IG: 60 maps (33 generated from IG tables, 27 from the map library), 28 value maps.', { timeout: 20_000 });
  await expect(summary.getByRole('table', { name: 'IG rows' }).locator('tr')).toHaveText([
    'IG rows993', 'links162', 'links under a condition66', "notes (to do, with the IG's words)242", 'left unmapped by the IG itself523',
  ]);
  await expect(summary.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.screenshot({ path: 'docs/screenshots/ig-start.png' });
  await page.keyboard.press('Enter');
  await expect(summary).toHaveCount(0);

  // Running at once on the pasted VXU.
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'VXU_V04');
  await expect(page.getByTestId('document-title')).toContainText('VXU_V04 from the HL7 v2-to-FHIR IG');
  await expect.poll(async () => resources(await previewJson(page), 'Immunization').map((r) => (r.vaccineCode as { coding: { code: string }[] }).coding[0].code), { timeout: 30_000 }).toEqual(['85', '110', '48']);

  // The notes are to-dos on their maps' canvases, counted in the maps panel, with the IG's words.
  const panel = page.getByTestId('maps-panel');
  await expect(panel.getByTestId('todo-count-RXA[Immunization]')).toHaveText(/^✎ \d+$/);
  await panel.getByRole('button', { name: 'RXA[Immunization]', exact: true }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'RXA[Immunization]');
  const note = page.getByTestId('op-node-todo-RXA-17');
  await expect(note.locator('.op-node__title')).toHaveText('To do');
  await expect(note).toContainText('it creates an Organization resource from RXA-17 and references it');
  await page.screenshot({ path: 'test-results/ig-start-rxa.png' });
});
