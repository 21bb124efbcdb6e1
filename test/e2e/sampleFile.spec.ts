import { expect, test } from '@playwright/test';
import { studioHost } from './studioHost';
import { previewJson, resources } from './studioPage';

/** An ADT^A01 whose MSH-18 is `charset` and whose PID-5.1 is the given bytes. */
function adt(charset: string, family: number[]): Buffer {
  return Buffer.concat([
    Buffer.from(`MSH|^~\\&|SND|FAC|RCV|FAC|20240101120000||ADT^A01^ADT_A01|MSG1|P|2.5||||||${charset}\rEVN|A01|20240101120000\rPID|1||12345^^^HOSP^MR||`, 'latin1'),
    Buffer.from(family),
    Buffer.from('^ANNA||19800101|F\rPV1|1|I\r', 'latin1'),
  ]);
}

test('a sample file is decoded by its MSH-18 like crosswalk run; a byte that fits no set is refused with its offset', async ({ page }) => {
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });

  // ISO 8859-1: Ü is the single byte 0xDC. Read as UTF-8 (what the browser's file.text() did) it was U+FFFD.
  await page.getByTestId('sample-file').setInputFiles({ name: 'latin1.hl7', mimeType: 'text/plain', buffer: adt('8859/1', [0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52]) });
  await expect.poll(async () => (resources(await previewJson(page), 'Patient')[0] as { name?: Array<{ family?: string }> } | undefined)?.name?.[0]?.family, { timeout: 20_000 }).toBe('MÜLLER');

  const bad = adt('', [0x4d, 0xff]);
  await page.getByTestId('sample-file').setInputFiles({ name: 'bad.hl7', mimeType: 'text/plain', buffer: bad });
  await expect(page.getByTestId('toast-error')).toContainText(
    `HL7_ENCODING: At byte offset ${bad.indexOf(0xff)} the input is not valid UNICODE UTF-8, the character set used when MSH-18 is empty; the message is not read. (bad.hl7, message 1, segment 3 PID, field 5, line 3, offset ${bad.indexOf(0xff)})`,
  );
});
