import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { expandInputs } from './expandInputs';
import { LineWriter } from './LineWriter';
import { readInputBytes } from './readInputBytes';

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

test('folders follow symbolic links to files and folders, and report every entry they cannot read', async () => {
  const base = mkdtempSync(join(tmpdir(), 'crosswalk-io-links-'));
  const root = join(base, 'in');
  mkdirSync(join(root, 'b'), { recursive: true });
  mkdirSync(join(base, 'outside', 'dir'), { recursive: true });
  writeFileSync(join(base, 'outside', 'x.hl7'), 'x');
  writeFileSync(join(base, 'outside', 'dir', 'y.hl7'), 'y');
  for (const file of ['a.hl7', 'b/c.HL7', 'notes.md', '.hidden.hl7']) writeFileSync(join(root, file), 'x');
  execFileSync('mkfifo', [join(root, 'feed.hl7'), join(root, 'pipe')]);
  const links: Array<[string, string]> = [
    ['linked.hl7', '../outside/x.hl7'], ['again', '../outside/dir'], ['shared', '../outside/dir'], ['broken.hl7', 'nowhere.hl7'],
    ['gone', 'nowhere'], ['loop', '.'], ['b/up', '..'], ['cycle1', 'cycle2'], ['cycle2', 'cycle1'], ['dev.hl7', '/dev/null'],
  ];
  for (const [name, target] of links) symlinkSync(target, join(root, name));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'sock.hl7'), resolve));
  try {
    const inputs = await expandInputs([root]);
    expect(inputs.map((i) => [i.path.slice(root.length + 1), i.error?.code])).toEqual([
      ['a.hl7', undefined],
      ['again/y.hl7', undefined],
      ['b/c.HL7', undefined],
      ['b/up', 'IO_LINK_LOOP'],
      ['broken.hl7', 'IO_BROKEN_LINK'],
      ['cycle1', 'IO_LINK_LOOP'],
      ['cycle2', 'IO_LINK_LOOP'],
      ['dev.hl7', 'IO_NOT_REGULAR_FILE'],
      ['feed.hl7', 'IO_NOT_REGULAR_FILE'],
      ['gone', 'IO_BROKEN_LINK'],
      ['linked.hl7', undefined],
      ['loop', 'IO_LINK_LOOP'],
      ['shared', 'IO_DUPLICATE_FOLDER'],
      ['sock.hl7', 'IO_NOT_REGULAR_FILE'],
    ]);
    const byName = (name: string) => inputs.find((i) => i.path === join(root, name))?.error?.toString();
    expect(byName('feed.hl7')).toBe(`IO_NOT_REGULAR_FILE: This is a named pipe (FIFO), not a regular file, so it is not read. (${join(root, 'feed.hl7')})`);
    expect(byName('sock.hl7')).toBe(`IO_NOT_REGULAR_FILE: This is a socket, not a regular file, so it is not read. (${join(root, 'sock.hl7')})`);
    expect(byName('broken.hl7')).toBe(`IO_BROKEN_LINK: This symbolic link points to nothing that exists. (${join(root, 'broken.hl7')})`);
    expect(byName('loop')).toBe(`IO_LINK_LOOP: This link leads back to a folder it is inside, so it is not followed. (${join(root, 'loop')})`);
    expect(byName('cycle1')).toBe(`IO_LINK_LOOP: This symbolic link leads round in a loop of links, so it is not read. (${join(root, 'cycle1')})`);
    expect(byName('shared')).toBe(`IO_DUPLICATE_FOLDER: This link leads to a folder that was already read through another path, so it is not read twice. (${join(root, 'shared')})`);
  } finally {
    server.close();
  }
});

test.skipIf(process.getuid?.() === 0)('a folder that cannot be listed is reported by name and the rest is still read', async () => {
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-locked-'));
  mkdirSync(join(root, 'locked'));
  writeFileSync(join(root, 'z.hl7'), 'x');
  chmodSync(join(root, 'locked'), 0);
  try {
    expect((await expandInputs([root])).map((i) => [i.path, i.error?.code])).toEqual([[join(root, 'locked'), 'IO_NO_ACCESS'], [join(root, 'z.hl7'), undefined]]);
  } finally {
    chmodSync(join(root, 'locked'), 0o755);
  }
});

test('readInputBytes reads stdin for - and names the file on errors', async () => {
  expect(Buffer.from(await readInputBytes('-', Readable.from([Buffer.from('MSH|a'), Buffer.from('b')]))).toString()).toBe('MSH|ab');
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-dir-'));
  await expect(readInputBytes(root)).rejects.toMatchObject({ code: 'IO_READ_FAILED', where: { file: root } });
});

const limit = (maxBytes: number) => ({ maxBytes, setting: '--max-input-bytes or CROSSWALK_MAX_INPUT_BYTES' });

test('readInputBytes refuses a FIFO at once (no writer needed) and names it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-fifo-'));
  const fifo = join(root, 'feed.hl7');
  execFileSync('mkfifo', [fifo]);
  await expect(readInputBytes(fifo)).rejects.toMatchObject({
    code: 'IO_NOT_REGULAR_FILE', message: 'This is a named pipe (FIFO), not a regular file, so it is not read.', where: { file: fifo },
  });
});

test('readInputBytes refuses devices: /dev/zero is never read', async () => {
  await expect(readInputBytes('/dev/zero')).rejects.toMatchObject({
    code: 'IO_NOT_REGULAR_FILE', message: 'This is a character device, not a regular file, so it is not read.', where: { file: '/dev/zero' },
  });
});

test('readInputBytes reads at most the limit, counted while reading, from files and stdin', async () => {
  const root = mkdtempSync(join(tmpdir(), 'crosswalk-io-limit-'));
  writeFileSync(join(root, 'eight.hl7'), 'MSH|^~\\&');
  writeFileSync(join(root, 'nine.hl7'), 'MSH|^~\\&|');
  expect(Buffer.from(await readInputBytes(join(root, 'eight.hl7'), undefined, limit(8))).toString()).toBe('MSH|^~\\&');
  await expect(readInputBytes(join(root, 'nine.hl7'), undefined, limit(8))).rejects.toMatchObject({
    code: 'IO_TOO_LARGE',
    message: 'The input holds more than 8 bytes, the most that is read; raise the limit with --max-input-bytes or CROSSWALK_MAX_INPUT_BYTES if this is meant.',
    where: { file: join(root, 'nine.hl7') },
  });
  // stdin that never ends: stopped at the limit, and the stream is let go.
  const endless = new Readable({ read() { this.push(Buffer.alloc(64 * 1024, 0x4d)); } });
  await expect(readInputBytes('-', endless, limit(1024 * 1024))).rejects.toMatchObject({
    code: 'IO_TOO_LARGE', message: expect.stringContaining('more than 1 MiB'), where: { file: 'stdin' },
  });
  expect(endless.destroyed).toBe(true);
});

test.runIf(process.platform === 'linux')('readInputBytes does not trust the size stat reports (/proc files say 0)', async () => {
  await expect(readInputBytes('/proc/self/status', undefined, limit(64))).rejects.toMatchObject({ code: 'IO_TOO_LARGE', where: { file: '/proc/self/status' } });
});

test('LineWriter batches lines, and stops quietly when the reader goes away', async () => {
  const { PassThrough, Writable } = await import('node:stream');
  const sink = new PassThrough();
  let written = '';
  sink.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const writer = new LineWriter(sink, 16);
  await writer.line('{"a":1}');
  expect(written).toBe('');
  await writer.line('{"b":2}');
  await writer.flush();
  expect(written).toBe('{"a":1}\n{"b":2}\n');

  const gone = new Writable({ write: (_chunk, _enc, done) => done(Object.assign(new Error('closed'), { code: 'EPIPE' })) });
  const quiet = new LineWriter(gone, 1);
  await quiet.line('x');
  await new Promise((resolve) => setImmediate(resolve));
  expect(quiet.gone).toBe(true);
  await quiet.line('y');
  await quiet.flush();
});
