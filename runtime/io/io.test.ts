import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { decodeText } from './decodeText';
import { expandInputs } from './expandInputs';
import { readInputText } from './readInputText';

test('UTF-8 is decoded as UTF-8 (BOM kept for the codec), anything else as ISO-8859-1', () => {
  expect(decodeText(Buffer.from('\uFEFFMSH|Müller', 'utf8'))).toEqual({ text: '\uFEFFMSH|Müller', encoding: 'utf-8' });
  expect(decodeText(Buffer.from([0x4d, 0xfc, 0x6c]))).toEqual({ text: 'Mül', encoding: 'latin1' });
});

test('folders expand recursively in name order, hidden entries and other extensions skipped', async () => {
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-'));
  mkdirSync(join(root, 'b'));
  mkdirSync(join(root, '.hidden'));
  for (const file of ['z.hl7', 'a.txt', 'b/c.HL7', 'notes.md', '.hidden/x.hl7', '.dot.hl7']) writeFileSync(join(root, file), 'x');
  const inputs = await expandInputs([root, '-', join(root, 'notes.md'), join(root, 'missing.hl7')]);
  expect(inputs.map((i) => [i.path, i.error?.code])).toEqual([
    [join(root, 'a.txt'), undefined],
    [join(root, 'b/c.HL7'), undefined],
    [join(root, 'z.hl7'), undefined],
    ['-', undefined],
    [join(root, 'notes.md'), undefined],
    [join(root, 'missing.hl7'), 'IO_NOT_FOUND'],
  ]);
  const empty = mkdtempSync(join(tmpdir(), 'crosswalk-io-empty-'));
  const [none] = await expandInputs([empty]);
  expect(none.error?.toString()).toBe(`IO_EMPTY_FOLDER: The folder holds no message files (.hl7, .er7, .txt, .msg). (${empty})`);
});

test('readInputText reads stdin for - and names the file on errors', async () => {
  expect((await readInputText('-', Readable.from([Buffer.from('MSH|a'), Buffer.from('b')]))).text).toBe('MSH|ab');
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-dir-'));
  await expect(readInputText(root)).rejects.toMatchObject({ code: 'IO_READ_FAILED', where: { file: root } });
});
